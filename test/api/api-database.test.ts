// The API's Prisma client: marked raw statements are prepared once per connection; ORM statements
// stay unnamed; results are the same either way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiPrismaClient, preparedStatementName } from "../../server/graphql/apiDatabase";
import type { Db } from "../../server/db/prisma";
import { tokenAcrossModels } from "../../server/tokens/tokens.service";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedApiData } from "./seed";

let t: TestDatabase;
let prepared: Db;
let unprepared: Db;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedApiData(t.db);
  prepared = createApiPrismaClient(t.url, { statementTimeoutMs: 5000, max: 1 });
  unprepared = createApiPrismaClient(t.url, { statementTimeoutMs: 5000, max: 1, preparedStatements: false });
});
afterAll(async () => {
  await prepared.$disconnect();
  await unprepared.$disconnect();
  await t.drop();
});

describe("createApiPrismaClient", () => {
  it("names only marked statements", () => {
    expect(preparedStatementName("/* prepared:token_across_models */ SELECT 1")).toMatch(/^ra_token_across_models_[0-9a-f]{16}$/);
    expect(preparedStatementName("SELECT 1 /* prepared:x */")).toBeUndefined();
    expect(preparedStatementName('SELECT "public"."Sweep"."id" FROM "public"."Sweep"')).toBeUndefined();
  });

  it("prepares token(text) once per connection and returns the same result as unnamed statements", async () => {
    const first = await tokenAcrossModels(prepared, "love", true);
    const second = await tokenAcrossModels(prepared, " Love", false);
    await prepared.rewardModel.findMany({ where: { id: { in: [1, 2, 3] } } });
    const names = await prepared.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements ORDER BY name`;
    expect(names.map((n) => n.name.replace(/_[0-9a-f]{16}$/, ""))).toEqual(["ra_token_across_models", "ra_token_across_models"]);
    expect(first.view).toEqual((await tokenAcrossModels(unprepared, "love", true)).view);
    expect(second.view).toEqual((await tokenAcrossModels(unprepared, " Love", false)).view);
    expect(await unprepared.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements`).toEqual([]);
  });

  it("keeps the statement timeout", async () => {
    const [setting] = await prepared.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(setting.statement_timeout).toBe("5s");
  });
});
