// The node:http adapter (used by bench/api.ts): same handler, same limits, over a real socket.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiConfigFromEnv } from "../../server/graphql/config";
import { createNodeGraphQLServer } from "../../server/graphql/nodeHttp";
import { createApolloServer } from "../../server/graphql/server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedApiData } from "./seed";

let t: TestDatabase;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedApiData(t.db);
  const apollo = createApolloServer();
  await apollo.start();
  const http = createNodeGraphQLServer({ server: apollo, db: t.db, config: apiConfigFromEnv({ RA_RATE_LIMIT_PER_SECOND: "0" }), limiter: null });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/graphql`;
  close = async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await apollo.stop();
  };
});
afterAll(async () => {
  await close();
  await t.drop();
});

describe("node:http adapter", () => {
  it("answers GraphQL", async () => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ token(text: "love") { matches { tokenId } } }` }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = (await response.json()) as { data: { token: { matches: unknown[] } } };
    expect(body.data.token.matches).toHaveLength(4);
  });

  it("refuses a 1 MB body with 413 and closes the connection", async () => {
    const body = JSON.stringify({ query: "{ status { models } }", variables: { pad: "x".repeat(1024 * 1024) } });
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
  });
});
