import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../server/graphql/context";
import { createApolloServer } from "../../server/graphql/server";
import { seedReferenceData } from "../../server/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  const model = await t.db.rewardModel.create({
    data: { slug: "demo-x", displayName: "Demo X", source: "test", family: "llama3", vocabSize: 10, backend: "onnx", isDemo: true },
  });
  const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
  await t.db.sweep.create({
    data: { modelId: model.id, promptId: prompt.id, mode: "ID", settingsKey: "k1", tokenCount: 10, scoredCount: 4, backend: "onnx", status: "RUNNING" },
  });
});
afterAll(async () => t.drop());

async function run(query: string) {
  const server = createApolloServer();
  const response = await server.executeOperation({ query }, { contextValue: createContext(t.db) });
  if (response.body.kind !== "single") throw new Error("incremental");
  return response.body.singleResult;
}

describe("GraphQL status query", () => {
  it("reads the database: counts, schema version, models, prompts and sweeps", async () => {
    const result = await run(`{
      status { databaseVersion schemaVersion models demoModels prompts sweeps completedSweeps scores }
      models { slug isDemo sweeps { id progress prompt { slug pair { slug } } } }
      prompts { slug framing }
    }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as any;
    expect(data.status).toMatchObject({ models: 1, demoModels: 1, prompts: 3, sweeps: 1, completedSweeps: 0, scores: 4 });
    expect(data.status.databaseVersion).toMatch(/^\d+/);
    expect(data.status.schemaVersion).toMatch(/^\d{14}_/);
    expect(data.models[0].sweeps[0]).toMatchObject({ progress: 0.4, prompt: { slug: "worst", pair: { slug: "best" } } });
    expect(data.prompts.map((p: { slug: string }) => p.slug)).toEqual(["greatest", "best", "worst"]);
  });
});
