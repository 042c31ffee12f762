// Resampling by the unit of observation, and identity effects against word tokens. A word's token
// forms (" good", "good", "Good") and a term's forms ("Muslim", " Muslims") are one observation:
// resampling them as independent rows narrowed every interval. And against the whole vocabulary an
// identity group was also compared with byte pieces and code fragments, so "words rank high" read as
// "this group ranks high".
import { describe, expect, it } from "vitest";
import {
  afinnLexicon,
  bootstrapScalar,
  customLexicon,
  identityGroupStats,
  isWordToken,
  matchValence,
  randomWordSetNull,
  valenceAsymmetry,
  valenceSlopeNull,
  wordReference,
} from "../../server/analysis";
import { denseIds, mulberry32, rowResampler } from "../../server/analysis/random";

const mean = (xs: ArrayLike<number>, rows: Uint32Array) => {
  let s = 0;
  for (const r of rows) s += xs[r];
  return s / rows.length;
};

describe("cluster bootstrap", () => {
  it("draws the same rows as the row bootstrap when every cluster is one row", () => {
    const a = rowResampler(50);
    const b = rowResampler(50, Int32Array.from({ length: 50 }, (_, i) => i));
    const [ra, rb] = [mulberry32(7), mulberry32(7)];
    for (let r = 0; r < 20; r++) expect(Array.from(b(rb))).toEqual(Array.from(a(ra)));
  });

  it("does not narrow the interval when every observation is repeated in four rows", () => {
    const rng = mulberry32(3);
    const observations = Array.from({ length: 200 }, () => rng());
    const repeated = observations.flatMap((x) => [x, x, x, x]);
    const clusters = Int32Array.from(repeated, (_, i) => Math.floor(i / 4));
    const width = (i: { lower: number; upper: number }) => i.upper - i.lower;
    const once = bootstrapScalar(observations.length, (rows) => mean(observations, rows), { resamples: 2000 });
    const asRows = bootstrapScalar(repeated.length, (rows) => mean(repeated, rows), { resamples: 2000 });
    const asClusters = bootstrapScalar(repeated.length, (rows) => mean(repeated, rows), { resamples: 2000, clusters });
    expect(width(asRows) / width(once)).toBeLessThan(0.6); // the pseudo-replication: about half
    expect(width(asClusters) / width(once)).toBeGreaterThan(0.85);
    expect(width(asClusters) / width(once)).toBeLessThan(1.15);
    expect(asClusters.estimate).toBeCloseTo(once.estimate, 12);
  });

  it("gives a word's token forms one id in the valence match, and resamples words", () => {
    const match = matchValence(["good", " good", "Good", " bad", "xyz", "bad"], afinnLexicon());
    expect(Array.from(match.indices)).toEqual([0, 1, 2, 3, 5]);
    expect(Array.from(match.words)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(denseIds(["b", "a", "b"]))).toEqual([0, 1, 0]);
  });

  it("widens the valence slopes' intervals when words come in several forms", () => {
    const words = Array.from({ length: 40 }, (_, i) => [`w${i}`, (i % 10) - 4.5] as const);
    const lexicon = customLexicon("toy", words.map(([w, v]) => [w, Math.round(v)] as const));
    const rng = mulberry32(11);
    const texts: string[] = [];
    const scores: number[] = [];
    for (const [w, v] of words) {
      const score = Math.round(v) + 3 * (rng() - 0.5);
      for (const form of [w, ` ${w}`, w.toUpperCase(), ` ${w.toUpperCase()}`]) {
        texts.push(form);
        scores.push(score); // the same word, the same score: one observation in four rows
      }
    }
    const once = valenceAsymmetry(
      Float64Array.from({ length: 40 }, (_, k) => scores[4 * k]),
      matchValence(words.map(([w]) => w), lexicon),
      { resamples: 1000 },
    );
    const forms = valenceAsymmetry(Float64Array.from(scores), matchValence(texts, lexicon), { resamples: 1000 });
    const width = (i: { lower: number; upper: number }) => i.upper - i.lower;
    expect(forms.positive.slope.estimate).toBeCloseTo(once.positive.slope.estimate, 10);
    expect(width(forms.positive.slope) / width(once.positive.slope)).toBeGreaterThan(0.8);
  });
});

describe("identity effects against word tokens", () => {
  it("recognises word tokens as the WORDS filter does", () => {
    expect(["love", " love", "Ünïcode", " Muslims", "é"].every(isWordToken)).toBe(true);
    expect(["  love", "love ", "<0x3C>", "<|eot_id|>", "x2", "", " ", "don't"].some(isWordToken)).toBe(false);
  });

  it("equals the pairwise Cliff's delta against the words, and separates 'ranked low as words' from 'ranked low as a group'", () => {
    // Words score 0..99 in a pseudo-random order; debris (bytes, code) scores below every word.
    const rng = mulberry32(5);
    const texts: string[] = [];
    const scores: number[] = [];
    for (let i = 0; i < 100; i++) {
      texts.push(`w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
      scores.push(Math.floor(rng() * 50)); // ties too
    }
    for (let i = 0; i < 300; i++) {
      texts.push(`<0x${i.toString(16)}>`);
      scores.push(-100 - i);
    }
    // The group: four words in the middle of the words.
    const groupWords = ["Muslim", "Muslims", "Jew", "Jews"];
    for (const w of groupWords) {
      texts.push(w);
      scores.push(25);
    }
    const group = { id: "g", label: "G", category: "religion" as const, terms: [{ singular: "Muslim", plural: "Muslims" }, { singular: "Jew", plural: "Jews" }] };
    const [res] = identityGroupStats(scores, texts, [group], { resamples: 200, permutations: 300 });
    expect(res.indices.length).toBe(4);
    // Brute force against the word tokens (the group's own tokens are words too).
    const wordScores = scores.filter((_, i) => isWordToken(texts[i]));
    let sum = 0;
    for (const i of res.indices) for (const w of wordScores) sum += Math.sign(scores[i] - w);
    expect(res.cliffsDeltaVsWords.estimate).toBeCloseTo(sum / (res.indices.length * wordScores.length), 12);
    // Against the whole vocabulary the group looks far above; against words, not outside chance.
    expect(res.cliffsDelta.estimate).toBeGreaterThan(0.5);
    expect(Math.abs(res.cliffsDeltaVsWords.estimate)).toBeLessThan(0.2);
    expect(res.nullVsWords.lower).toBeLessThan(res.cliffsDeltaVsWords.estimate);
    expect(res.nullVsWords.upper).toBeGreaterThan(res.cliffsDeltaVsWords.estimate);
    expect(wordReference(scores, texts).sorted.length).toBe(104);
  });

  it("gives a group of one term an interval, from the variation among its token forms", () => {
    const texts = ["Chinese", " Chinese", "chinese", " chinese", "table", "chair", "lamp", "door", "wall", "roof"];
    const scores = [1, 4, 2, 6, 0, 3, 5, 7, 8, 9];
    const group = { id: "c", label: "Chinese", category: "nationality" as const, terms: [{ singular: "Chinese" }] };
    const [res] = identityGroupStats(scores, texts, [group], { resamples: 500, permutations: 50 });
    expect(res.indices.length).toBe(4);
    expect(res.cliffsDeltaVsWords.upper - res.cliffsDeltaVsWords.lower).toBeGreaterThan(0.1);
    expect(res.cliffsDelta.upper - res.cliffsDelta.lower).toBeGreaterThan(0.1);
  });

  it("draws the null from whole words: its range holds about 95% of random groups of as many words whose forms move together", () => {
    const rng = mulberry32(21);
    const texts: string[] = [];
    const scores: number[] = [];
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (let w = 0; w < 2000; w++) {
      const word = `${letters[w % 26]}${letters[Math.floor(w / 26) % 26]}${letters[Math.floor(w / 676)]}x`;
      const score = rng();
      for (const form of [word, ` ${word}`, word[0].toUpperCase() + word.slice(1), ` ${word[0].toUpperCase()}${word.slice(1)}`]) {
        texts.push(form);
        scores.push(score + 0.01 * rng()); // the forms of a word rank together
      }
    }
    const reference = wordReference(scores, texts);
    expect(reference.words).toHaveLength(2000);
    const chance = randomWordSetNull(reference, 1, { resamples: 2000, seed: 3 });
    // Random one-word groups (all four forms), by brute force against every word token.
    let outside = 0;
    for (let k = 0; k < 400; k++) {
      const w = Math.floor(rng() * 2000);
      let sum = 0;
      for (let f = 0; f < 4; f++) for (const other of scores) sum += Math.sign(scores[4 * w + f] - other);
      const delta = sum / (4 * scores.length);
      if (delta < chance.lower || delta > chance.upper) outside++;
    }
    expect(outside / 400).toBeLessThan(0.1);
  });

  it("keeps a word's forms together in the valence-slope null: with no link between valence and score, about 5% of samples fall outside it", () => {
    const rng = mulberry32(8);
    const words = Array.from({ length: 60 }, (_, i) => `v${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const lexicon = customLexicon("toy", words.map((w, i) => [w, (i % 10) - 4] as const));
    let outside = 0;
    const trials = 120;
    for (let t = 0; t < trials; t++) {
      const texts: string[] = [];
      const scores: number[] = [];
      for (const w of words) {
        const score = rng(); // unrelated to the valence; the word's forms score alike
        for (const form of [w, ` ${w}`, w.toUpperCase(), ` ${w.toUpperCase()}`]) {
          texts.push(form);
          scores.push(score + 0.001 * rng());
        }
      }
      const match = matchValence(texts, lexicon);
      const observed = valenceAsymmetry(scores, match, { resamples: 1 }).difference.estimate;
      const chance = valenceSlopeNull(scores, match, { resamples: 200, seed: t }).difference;
      if (observed < chance.lower || observed > chance.upper) outside++;
    }
    expect(outside / trials).toBeLessThan(0.12);
  });
});
