// A sweep's life beyond the happy path: one cancelled while it runs stays CANCELLED (the run stops
// at its next chunk and does not relabel it FAILED, which the next run would resume); `npm start`
// leaves cancelled demo sweeps alone instead of re-sweeping the demo models on every start; a
// prompt named twice in one run is one sweep; a corrected tokenizer of the same size replaces the
// stored vocabulary.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { ensureDemoSweeps } from "../../runner/demo/ensureDemoSweeps";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { waitFor } from "../scale/workers";
import { demoBundle, openOnnxCpu } from "./bundles";
import { onDevice, slower } from "./devices";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
});
afterAll(async () => {
  await t.drop();
});

describe("cancelling a sweep", () => {
  it("stops the run at its next chunk and leaves the sweep CANCELLED", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    const run = sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir: demoBundle("llama3.1"), prompts: [prompt], limit: 6000, batchSize: 64, chunkRows: 256,
      openBackend: async (bundle) => onDevice(await openOnnxCpu(bundle), { rows: slower(20) }), // long enough to cancel
    }).catch((error: unknown) => error);
    const running = await waitFor("the sweep to commit a chunk", async () => (await t.db.sweep.findFirst({ where: { promptId: prompt.id, scoredCount: { gt: 0 } } })) ?? null, 30_000, 20);
    await t.db.sweep.update({ where: { id: running.id }, data: { status: "CANCELLED", finishedAt: new Date() } }); // as cancelSweep does
    const error = await run;
    expect((error as Error).message).toMatch(/no longer running \(cancelled\?\)/);
    const after = await t.db.sweep.findUniqueOrThrow({ where: { id: running.id } });
    expect(after.status).toBe("CANCELLED");
    expect(after.scoredCount).toBeLessThan(6000);
  });

  it("is respected by npm start's demo check: a cancelled demo sweep is not swept again", async () => {
    const model = await t.db.rewardModel.create({ data: { slug: "demo-cancelled", displayName: "demo", source: "test", family: "llama3.1", vocabSize: 128_256, backend: "onnx", isDemo: true } });
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    await t.db.sweep.create({
      data: { modelId: model.id, promptId: prompt.id, mode: "ID", settingsKey: "cancelled-demo", vocabPolicy: "all", tokenCount: 128_256, backend: "onnx", status: "CANCELLED" },
    });
    const lines: string[] = [];
    await ensureDemoSweeps(t.db, t.url, { log: (line) => lines.push(line) });
    expect(lines).toEqual([]); // nothing to resume: no sweep started
  });

  it("sweeps a prompt named twice once (it used to re-open its own sweep while that was completing)", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const summaries = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: demoBundle("llama3.1"), prompts: [prompt, prompt], limit: 500, batchSize: 64, openBackend: openOnnxCpu });
    expect(summaries.map((s) => s.status)).toEqual(["completed"]);
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summaries[0].sweepId } });
    expect([sweep.status, sweep.scoredCount]).toEqual(["COMPLETED", 500]);
  });

  it("replaces the stored vocabulary when the tokenizer changes at the same size", async () => {
    const bundleDir = demoBundle("llama3.1");
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    const sweep = () => sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], limit: 100, batchSize: 50, openBackend: openOnnxCpu });
    const [first] = await sweep();
    const modelId = (await t.db.sweep.findUniqueOrThrow({ where: { id: first.sweepId } })).modelId;
    const decodedOf = async (tokenId: number) => (await t.db.vocabToken.findUniqueOrThrow({ where: { modelId_tokenId: { modelId, tokenId } } })).decoded;
    expect(await decodedOf(128010)).toBe("<|reserved_special_token_5|>");
    // A corrected tokenizer.json: one added token renamed, the same number of ids.
    const file = path.join(bundleDir, "tokenizer.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"<|reserved_special_token_5|>"', '"<|tool_result|>"'));
    await sweep();
    expect(await decodedOf(128010)).toBe("<|tool_result|>");
  });
});
