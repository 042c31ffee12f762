// Which completed sweep stands for a model × prompt wherever one is shown: in the stored analyses,
// the ranked lists and the token pages. A model can have several: a whole-vocabulary sweep and a
// `--limit` smoke test, or an id-mode sweep and the paper's decode/re-tokenize comparison
// (METHOD.md: the two construct different inputs). Newest-first alone let a later smoke test or
// paper-mode run replace the sweep every figure was about, and a `--limit` id-mode smoke test
// must not replace a whole-vocabulary sweep of the other mode (an import, a paper-mode run) either.
// One ordering, as SQL (alias `s`), so that every query picks the same sweep:
//   whole vocabulary (no `first:N` limit) first, [then id mode,] then the most ids, then the newest.
/** SQL (alias `s`): true where the sweep covers the whole vocabulary (no `first:N` limit). */
export const IS_WHOLE_VOCABULARY = `(s."vocabPolicy" NOT LIKE '%first:%')`;
const WHOLE_VOCABULARY_FIRST = `${IS_WHOLE_VOCABULARY} DESC`;
const THEN = `s."tokenCount" DESC, s."finishedAt" DESC NULLS LAST, s.id DESC`;
/** Within one mode. */
export const REPRESENTATIVE_SWEEP_ORDER = `${WHOLE_VOCABULARY_FIRST}, ${THEN}`;
/** Across modes (the analyses, the rankings): id mode first among sweeps of the whole vocabulary. */
export const REPRESENTATIVE_SWEEP_ORDER_ID_FIRST = `${WHOLE_VOCABULARY_FIRST}, (s.mode = 'ID') DESC, ${THEN}`;
