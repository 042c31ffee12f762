// Which models one prompt's shared vocabulary is built over. Every model in the set removes the
// strings it lacks, so a demo model beside real reward models (another tokenizer family), or a
// `--limit` smoke test of 1,000 ids, shrank every real pair's vocabulary: the real ones are compared
// with real ones, demo with demo, and partial sweeps are left out, each with its reason.
import { describe, expect, it } from "vitest";
import { comparedSweeps } from "../../server/insights/plan";
import type { SweepRef } from "../../server/insights/load";

const prompt = { id: 1, slug: "greatest", framing: "POSITIVE" as const, pairId: null };
let nextId = 1;
function sweep(slug: string, options: { demo?: boolean; whole?: boolean } = {}): SweepRef {
  const id = nextId++;
  return {
    sweepId: 100 + id, model: { id, slug, isDemo: options.demo ?? false }, prompt,
    finishedAt: "2026-11-27T00:00:00.000Z", scoredCount: options.whole === false ? 1000 : 128_256, wholeVocabulary: options.whole ?? true,
  };
}
const slugs = (sweeps: SweepRef[]) => sweeps.map((s) => s.model.slug);

describe("comparedSweeps", () => {
  it("compares real models with real ones once there are two, leaving the demo models out with the reason", () => {
    const sweeps = [sweep("demo-a", { demo: true }), sweep("real-a"), sweep("demo-b", { demo: true }), sweep("real-b")];
    const { sweeps: compared, notCompared } = comparedSweeps(sweeps, new Set(sweeps.map((s) => s.model.id)));
    expect(slugs(compared)).toEqual(["real-a", "real-b"]);
    expect(notCompared.map((n) => n.modelSlug)).toEqual(["demo-a", "demo-b"]);
    expect(notCompared[0].reason).toMatch(/demo model: compared only with other demo models/);
  });

  it("compares the demo models among themselves while fewer than two real models have sweeps", () => {
    const sweeps = [sweep("demo-a", { demo: true }), sweep("demo-b", { demo: true }), sweep("real-a")];
    const { sweeps: compared, notCompared } = comparedSweeps(sweeps, new Set(sweeps.map((s) => s.model.id)));
    expect(slugs(compared)).toEqual(["demo-a", "demo-b"]);
    expect(notCompared).toEqual([{ modelSlug: "real-a", reason: "real model: compared only with another real model" }]);
  });

  it("leaves out sweeps of the first N ids where two whole vocabularies can be compared, and models without a vocabulary, naming why", () => {
    const smoke = sweep("real-smoke", { whole: false });
    const textless = sweep("real-textless");
    const sweeps = [sweep("real-a"), smoke, textless, sweep("real-b")];
    const withTexts = new Set(sweeps.filter((s) => s !== textless).map((s) => s.model.id));
    const { sweeps: compared, notCompared } = comparedSweeps(sweeps, withTexts);
    expect(slugs(compared)).toEqual(["real-a", "real-b"]);
    expect(notCompared).toEqual([
      { modelSlug: "real-smoke", reason: `sweep ${smoke.sweepId} scores only the first 1000 ids` },
      { modelSlug: "real-textless", reason: "no vocabulary stored: its tokens cannot be joined by text" },
    ]);
  });

  it("compares sweeps of the first N ids where fewer than two sweeps cover the whole vocabulary", () => {
    const sweeps = [sweep("real-a", { whole: false }), sweep("real-b"), sweep("real-c", { whole: false })];
    expect(comparedSweeps(sweeps, new Set(sweeps.map((s) => s.model.id)))).toEqual({ sweeps, notCompared: [] });
  });

  it("still describes a lone real model when there is nothing to compare it with", () => {
    const only = sweep("real-a");
    expect(comparedSweeps([only], new Set([only.model.id]))).toEqual({ sweeps: [only], notCompared: [] });
  });
});
