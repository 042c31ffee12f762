// AnalysisResult reads and writes for the refresh. All of a refresh's writes happen in ONE
// transaction at its end (new rows, the leaderboard built from them, removal of superseded and
// orphaned rows), so a reader sees either the previous set of results or the new one.
import type pg from "pg";
import { computeLeaderboard, type LeaderboardInputs } from "./compute/leaderboard";
import { ALL_KINDS, KINDS, type InsightKind } from "./keys";
import type { LeaderboardComponents, PlannedRow } from "./plan";
import {
  isUnavailable,
  type StoredFraming,
  type StoredFrequencyBias,
  type StoredHeterogeneity,
  type StoredIdentity,
  type StoredValenceAsymmetry,
} from "./stored";

/** Serialises concurrent refreshes (CLI, worker hooks): the second waits, then finds little to do. */
export const REFRESH_LOCK = 0x7261_6973; // "rais"

export const rowKey = (kind: string, inputsKey: string) => `${kind}|${inputsKey}`;

export interface ComputedRow {
  row: PlannedRow;
  resultJson: string;
}

export async function withRefreshLock<T>(client: pg.ClientBase, run: () => Promise<T>): Promise<T> {
  await client.query("SELECT pg_advisory_lock($1)", [REFRESH_LOCK]);
  try {
    return await run();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [REFRESH_LOCK]);
  }
}

/** rowKey of every stored row of our kinds. */
export async function existingKeys(client: pg.ClientBase): Promise<Set<string>> {
  const rows = await client.query<{ kind: string; inputsKey: string }>(
    `SELECT kind, "inputsKey" FROM "AnalysisResult" WHERE kind = ANY($1)`,
    [ALL_KINDS],
  );
  return new Set(rows.rows.map((r) => rowKey(r.kind, r.inputsKey)));
}

async function readResult<T>(client: pg.ClientBase, kind: InsightKind, scope: string | null): Promise<T | undefined> {
  if (scope === null) return undefined;
  const rows = await client.query<{ result: unknown }>(
    `SELECT result FROM "AnalysisResult" WHERE kind = $1 AND params->>'scope' = $2 LIMIT 1`,
    [kind, scope],
  );
  const result = rows.rows[0]?.result;
  return result === undefined || isUnavailable(result) ? undefined : (result as T);
}

async function leaderboardInputs(client: pg.ClientBase, modelIds: number[], components: LeaderboardComponents): Promise<LeaderboardInputs> {
  const inputs: LeaderboardInputs = {
    modelIds,
    heterogeneity: (await readResult<StoredHeterogeneity>(client, KINDS.heterogeneity, components.heterogeneity)) ?? null,
    valence: new Map(),
    frequency: new Map(),
    identity: new Map(),
    framing: new Map(),
  };
  const put = <T>(map: Map<number, T>, modelId: number, value: T | undefined) => value !== undefined && map.set(modelId, value);
  for (const m of components.perModel) {
    put(inputs.valence, m.modelId, await readResult<StoredValenceAsymmetry>(client, KINDS.valence, m.valence));
    put(inputs.frequency, m.modelId, await readResult<StoredFrequencyBias>(client, KINDS.frequency, m.frequency));
    put(inputs.identity, m.modelId, await readResult<StoredIdentity>(client, KINDS.identity, m.identity));
    put(inputs.framing, m.modelId, await readResult<StoredFraming>(client, KINDS.framing, m.framing));
  }
  return inputs;
}

export interface WritePlan {
  computed: ComputedRow[];
  /** Set when the leaderboard must be rebuilt (its planned row, and what it reads). */
  leaderboard: { row: PlannedRow; modelIds: number[]; components: LeaderboardComponents } | null;
  /** rowKey of every planned row: any other row of our kinds is superseded or orphaned. */
  keep: Set<string>;
}

/** Returns the number of rows removed. */
export async function writeResults(client: pg.ClientBase, plan: WritePlan): Promise<number> {
  const insert = (row: PlannedRow, resultJson: string) =>
    client.query(
      `INSERT INTO "AnalysisResult" (kind, "inputsKey", params, result) VALUES ($1, $2, $3::jsonb, $4::jsonb)
       ON CONFLICT (kind, "inputsKey") DO NOTHING`,
      [row.kind, row.inputsKey, JSON.stringify(row.params), resultJson],
    );
  await client.query("BEGIN");
  try {
    // Superseded rows go first so that the leaderboard below reads only current results.
    const removed = await client.query(
      `DELETE FROM "AnalysisResult" WHERE kind = ANY($1) AND NOT ((kind || '|' || "inputsKey") = ANY($2))`,
      [ALL_KINDS, [...plan.keep]],
    );
    for (const { row, resultJson } of plan.computed) await insert(row, resultJson);
    if (plan.leaderboard) {
      const { row, modelIds, components } = plan.leaderboard;
      await insert(row, JSON.stringify(computeLeaderboard(await leaderboardInputs(client, modelIds, components))));
    }
    await client.query("COMMIT");
    return removed.rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
