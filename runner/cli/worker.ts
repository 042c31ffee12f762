// npm run worker [-- --device cpu|cuda|webgpu] [--prefix-cache auto|on|off]
// Claims shards of queued sweeps (npm run sweep -- --queue ...) until stopped (Ctrl-C finishes the
// shard in hand). Run any number, on any machine that reaches the database and the bundle path.
import { writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../../server/db/database";
import { OnnxBackend, type OnnxDevice } from "../backends/onnx";
import { ShardWorker } from "../queue/shardWorker";
import { isPrefixCacheMode, PREFIX_CACHE_MODES } from "../sweep/rowPath";
import { queueSettings } from "../queue/queue";
import { HelpRequest, runCli, UsageError } from "./common";

const USAGE = `usage: npm run worker [-- options]
options:
  --device cpu|cuda|webgpu  where the model runs (default cpu)
  --name <text>             name shown in PostgreSQL's application_name (default reward-atlas-worker)
  --prefix-cache auto|on|off  for models with key/value cache inputs: run the prompt prefix once and
                            each row only [id] + suffix; auto (default) measures both ways on this
                            worker's device and keeps the faster
  -h, --help                this text
Claims shards of queued sweeps (npm run sweep -- --queue ...) until Ctrl-C, which finishes the shard in hand
and hands back the one fetched ahead. Environment: RA_SHARD_LEASE_SECONDS (600), RA_SHARD_MAX_ATTEMPTS (3),
RA_QUEUE_POLL_SECONDS (1), RA_WORKER_REFRESH_ANALYSES=0 (do not refresh the analyses when a sweep completes).`;

runCli("worker", async () => {
  const { values } = parseArgs({
    options: {
      device: { type: "string", default: "cpu" },
      name: { type: "string" },
      "prefix-cache": { type: "string", default: "auto" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new HelpRequest(USAGE);
  const device = values.device as OnnxDevice;
  if (!["cpu", "cuda", "webgpu"].includes(device)) throw new UsageError("--device must be cpu, cuda or webgpu");
  const prefixCache = values["prefix-cache"];
  if (!isPrefixCacheMode(prefixCache)) throw new UsageError(`--prefix-cache must be ${PREFIX_CACHE_MODES.join(", ")}`);
  const database = await openDatabase({ attachToRunning: true });
  const worker = new ShardWorker({
    databaseUrl: database.url,
    settings: queueSettings(),
    applicationName: values.name ?? "reward-atlas-worker",
    refreshAnalyses: process.env.RA_WORKER_REFRESH_ANALYSES !== "0",
    prefixCache,
    openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device }),
  });
  await worker.start();
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log(`worker ${worker.id}: stopping after the shard in hand`);
  await worker.stop();
  const { shards, queueMs, shardMs } = worker.timing;
  // Written synchronously: the process exits right after, and bench/scale reads this line.
  writeSync(1, `worker ${worker.id}: ${shards} shards, shard time ${shardMs.toFixed(1)} ms, queue overhead ${queueMs.toFixed(1)} ms\n`);
  await database.close();
});
