// Which completed sweep stands for a model × prompt wherever one is shown: in the stored analyses,
// the ranked lists and the token pages. A model can have several: a whole-vocabulary sweep and a
// `--limit` smoke test, or an id-mode sweep and the paper's decode/re-tokenize comparison
// (METHOD.md: the two construct different inputs). Newest-first alone let a later smoke test or
// paper-mode run replace the sweep every figure was about. One ordering, as SQL (alias `s`), so
// that every query picks the same sweep:
//   whole vocabulary (no `first:N` limit) first, then the most ids, then the newest.
/** Within one mode. */
export const REPRESENTATIVE_SWEEP_ORDER = `(s."vocabPolicy" NOT LIKE '%first:%') DESC, s."tokenCount" DESC, s."finishedAt" DESC NULLS LAST, s.id DESC`;
/** Across modes (the analyses): id mode first, then as above. */
export const REPRESENTATIVE_SWEEP_ORDER_ID_FIRST = `(s.mode = 'ID') DESC, ${REPRESENTATIVE_SWEEP_ORDER}`;
