// Sweeps requested through the admin API are queued like `npm run sweep -- --queue`: validated,
// split into shards, picked up by `npm run worker` processes. That needs the model's bundle folder:
// the one its earlier queued sweeps used, or its source when that is a local bundle folder.
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Db } from "../db/prisma";
import type { Prompt, RewardModel, Sweep } from "../db/generated/prisma/client";
import { OnnxBackend } from "../../runner/backends/onnx";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { failureKind } from "../../runner/sweep/errors";
import { BadInputError } from "../errors";

export async function knownBundlePath(db: Db, model: RewardModel): Promise<string | null> {
  const queued = await db.sweep.findFirst({ where: { modelId: model.id, bundlePath: { not: null } }, orderBy: { id: "desc" } });
  if (queued?.bundlePath && existsSync(path.join(queued.bundlePath, "manifest.json"))) return queued.bundlePath;
  if (path.isAbsolute(model.source) && existsSync(path.join(model.source, "manifest.json"))) return model.source;
  return null;
}

/** Queue the sweep; null when there is no bundle to queue it from (the caller records a request). */
export async function queueRequestedSweep(db: Db, model: RewardModel, prompt: Prompt, databaseUrl: string | undefined): Promise<Sweep | null> {
  const bundleDir = await knownBundlePath(db, model);
  if (!bundleDir || !databaseUrl) return null;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const [queued] = await enqueueSweeps({
      db, pool, databaseUrl, bundleDir, prompts: [prompt],
      openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" }),
    });
    return db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
  } catch (error) {
    if (failureKind(error) === "bad-input") throw new BadInputError(error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await pool.end();
  }
}
