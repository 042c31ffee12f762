/**
 * Shared vocabulary across models (METHOD: "decoded strings present in every compared model,
 * dropping strings that occur twice within one model").
 *
 * Models have different tokenizers, so cross-model comparisons join on decoded text. A string
 * qualifies when, after normalisation, it occurs in every model exactly once: a string that
 * two token ids of one model decode to (about 1,300 such collisions per vocabulary) cannot be
 * mapped to one score, so it is dropped for all models.
 * Normalisation options: strip leading whitespace, case-fold; the paper used neither (default).
 * Under normalisation, distinct texts of one model meet (" good", "good", " Good"): they are not
 * duplicates but forms of one word, so the word keeps one of them: the form already equal to the
 * normalised string ("good") where the model has it, else the first form in code-unit order. Only a
 * text that itself decodes from two ids is unusable (dropping every colliding form instead removed
 * most common words: 86k shared strings fell to 39k).
 * Output order: strings sorted by UTF-16 code units (independent of model order), with, per
 * model, an Int32Array of token ids aligned to that order.
 */

export interface VocabEntry {
  tokenId: number;
  /** Decoded text of the single token (results are keyed by id; text is only for joining). */
  text: string;
}

export interface SharedVocabOptions {
  stripLeadingSpace?: boolean;
  caseFold?: boolean;
}

export interface SharedVocab {
  strings: string[];
  /** tokenIds[m][k] = id in model m whose normalised text is strings[k]. */
  tokenIds: Int32Array[];
  /** Strings present in every model but dropped because some model has them more than once. */
  droppedAsDuplicates: number;
  /** Per model: distinct normalised strings that occur more than once in that model. */
  duplicatesPerModel: number[];
  /** Distinct normalised strings (union over models) missing from at least one model. */
  notInEveryModel: number;
}

export function normaliseVocabText(text: string, options: SharedVocabOptions = {}): string {
  let t = text;
  if (options.stripLeadingSpace) t = t.replace(/^\s+/u, "");
  if (options.caseFold) t = t.toLowerCase();
  return t;
}

const DUPLICATE = -1;

/** Whether form `a` should stand for the normalised string `key` rather than `b`: a usable form
 * before a duplicated one, then the form equal to `key`, then code-unit order. */
function preferredForm(key: string, a: { text: string; id: number }, b: { text: string; id: number }): boolean {
  if ((a.id === DUPLICATE) !== (b.id === DUPLICATE)) return b.id === DUPLICATE;
  if ((a.text === key) !== (b.text === key)) return a.text === key;
  return a.text < b.text;
}

/** Builds the shared vocabulary of several models. */
export function buildSharedVocab(models: readonly (readonly VocabEntry[])[], options: SharedVocabOptions = {}): SharedVocab {
  // Per model: normalised string -> token id, or DUPLICATE when no usable form is left.
  const maps = models.map((entries) => {
    // Raw text -> token id, or DUPLICATE when two ids decode to it.
    const byText = new Map<string, number>();
    for (const { tokenId, text } of entries) byText.set(text, byText.has(text) ? DUPLICATE : tokenId);
    const chosen = new Map<string, { text: string; id: number }>();
    for (const [text, id] of byText) {
      const key = normaliseVocabText(text, options);
      const current = chosen.get(key);
      if (!current || preferredForm(key, { text, id }, current)) chosen.set(key, { text, id });
    }
    return new Map(Array.from(chosen, ([key, form]) => [key, form.id]));
  });
  const duplicatesPerModel = maps.map((map) => {
    let d = 0;
    for (const id of map.values()) if (id === DUPLICATE) d++;
    return d;
  });
  if (maps.length === 0) {
    return { strings: [], tokenIds: [], droppedAsDuplicates: 0, duplicatesPerModel, notInEveryModel: 0 };
  }
  const union = new Set<string>();
  for (const map of maps) for (const key of map.keys()) union.add(key);
  const strings: string[] = [];
  let droppedAsDuplicates = 0;
  let notInEveryModel = 0;
  for (const key of union) {
    let everywhere = true;
    let duplicated = false;
    for (const map of maps) {
      const id = map.get(key);
      if (id === undefined) everywhere = false;
      else if (id === DUPLICATE) duplicated = true;
    }
    if (!everywhere) notInEveryModel++;
    else if (duplicated) droppedAsDuplicates++;
    else strings.push(key);
  }
  strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tokenIds = maps.map((map) => Int32Array.from(strings, (s) => map.get(s) as number));
  return { strings, tokenIds, droppedAsDuplicates, duplicatesPerModel, notInEveryModel };
}

/**
 * Gathers a model's per-token-id scores onto the shared vocabulary: out[k] = scores[ids[k]].
 * `scores` is indexed by token id (a full sweep).
 */
export function gatherScores(scoresById: ArrayLike<number>, ids: Int32Array): Float64Array {
  const out = new Float64Array(ids.length);
  for (let k = 0; k < ids.length; k++) out[k] = scoresById[ids[k]];
  return out;
}
