// Sanity check that a bundle's tokenizer belongs to its model, before hours of sweeping garbage.
import { TokenizerMismatchError } from "./errors";
import { familiesForModelVocabSize, type TokenizerFamily } from "./family";
import type { RewardTokenizer } from "./tokenizer";

export interface ModelVocabInfo {
  /** Rows of the model's input embedding (config.vocab_size). */
  vocabSize: number;
  /** The model's family when known (e.g. from the manifest). */
  family?: TokenizerFamily;
  /** Expected sha256 of tokenizer.json (e.g. recorded at export). */
  fingerprint?: string;
  /** Label for messages. */
  name?: string;
}

export interface TokenizerModelMatch {
  /** Ids 0..sweepVocabSize-1 are valid model inputs. */
  sweepVocabSize: number;
  /** Added tokens the model cannot embed (e.g. Gemma 3 1B lacks the image soft token 262144). */
  unembeddableIds: number[];
  /** Embedding rows with no tokenizer id (padding), e.g. 267 for Qwen3. */
  paddingRows: number;
}

/** Embedding padding beyond the tokenizer's ids that we still accept (Qwen pads ~400 rows). */
const MAX_PADDING_ROWS = (modelVocab: number) => Math.max(1024, Math.ceil(modelVocab * 0.01));

export function assertTokenizerMatchesModel(tok: RewardTokenizer, model: ModelVocabInfo): TokenizerModelMatch {
  const modelName = model.name ?? "the model";
  const who = `tokenizer "${tok.name}" (looks like ${tok.family}, ${tok.vocabSize} ids)`;

  if (model.fingerprint !== undefined && model.fingerprint !== tok.fingerprint) {
    throw new TokenizerMismatchError(
      "fingerprint_mismatch",
      `${who}: tokenizer.json sha256 ${tok.fingerprint.slice(0, 12)}... differs from the ${model.fingerprint.slice(0, 12)}... ` +
        `recorded for ${modelName}; the bundle's tokenizer was replaced or re-exported`,
    );
  }

  const sizeFamilies = familiesForModelVocabSize(model.vocabSize);
  const expected = model.family && model.family !== "unknown" ? [model.family] : sizeFamilies;
  if (tok.family !== "unknown" && expected.length > 0 && !expected.includes(tok.family)) {
    const why = model.family ? `${modelName} is ${model.family}` : `${modelName} has ${model.vocabSize} embedding rows, the size of a ${expected.join("/")} model`;
    throw new TokenizerMismatchError(
      "family_mismatch",
      `tokenizer from another family: ${who}, but ${why}. Use the tokenizer that ships with the model`,
      { tokenizerFamily: tok.family, modelFamily: expected },
    );
  }

  const outOfRange: number[] = [];
  for (let id = model.vocabSize; id < tok.vocabSize; id++) outOfRange.push(id);
  const unembeddable = outOfRange.filter((id) => tok.addedIds.has(id));
  if (unembeddable.length !== outOfRange.length) {
    throw new TokenizerMismatchError(
      "vocab_size_mismatch",
      `${who}: ${outOfRange.length - unembeddable.length} regular vocabulary ids are >= ${modelName}'s ` +
        `${model.vocabSize} embedding rows${hint(sizeFamilies)}; the tokenizer does not belong to this model`,
    );
  }

  const paddingRows = Math.max(0, model.vocabSize - tok.vocabSize);
  if (paddingRows > MAX_PADDING_ROWS(model.vocabSize)) {
    throw new TokenizerMismatchError(
      "vocab_size_mismatch",
      `${who}: ${modelName} has ${model.vocabSize} embedding rows, ${paddingRows} more than the tokenizer has ids` +
        `${hint(sizeFamilies)}; the tokenizer is probably from another family or version`,
    );
  }
  return { sweepVocabSize: Math.min(tok.vocabSize, model.vocabSize), unembeddableIds: unembeddable, paddingRows };
}

function hint(families: TokenizerFamily[]): string {
  return families.length ? ` (a model of that size is ${families.join("/")})` : "";
}
