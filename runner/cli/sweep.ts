// npm run sweep -- --model <bundle> [--model <bundle>...] [--prompt greatest --prompt worst]
//                  [--mode id|paper] [--exclude special,byte] [--batch-size N] [--memory-budget 2G]
//                  [--device cpu|cuda|webgpu] [--backend onnx|vllm --vllm-url URL --vllm-model NAME] [--force]
//                  [--prefix-cache auto|on|off]
// npm run sweep -- --all-demo [options]   (the demo bundles, with every option above)
import { parseArgs } from "node:util";
import { OnnxBackend, type OnnxDevice } from "../backends/onnx";
import { VllmBackend } from "../backends/vllm";
import { ensureDemoBundles } from "../demo/demoBundles";
import { enqueueSweeps } from "../queue/enqueue";
import { sweepBundle, withRowProbe, type BackendFactory } from "../sweep/sweepBundle";
import { PREFIX_CACHE_MODES, isPrefixCacheMode } from "../sweep/rowPath";
import { VOCAB_EXCLUSIONS, type VocabExclusion } from "../sweep/vocabPolicy";
import { HelpRequest, refreshAnalyses, runCli, UsageError, withDatabase } from "./common";

const USAGE = `usage: npm run sweep -- --model <bundle-dir> [--prompt <slug>]... [options]
       npm run sweep -- --all-demo [--prompt <slug>]... [options]
  --all-demo             the three demo models (built from lexicons on first use), with --model
                         or instead of it; every option below applies to them too
options:
  --prompt <slug>        prompt to sweep (repeatable; default: greatest, best, worst)
  --mode id|paper        input construction (default id: prefix + [token id] + suffix)
  --exclude <list>       skip ${VOCAB_EXCLUSIONS.join(", ")} tokens (default: score every id)
  --batch-size <n>       fixed batch size (default: tuned within --memory-budget; 1024 with --queue)
  --memory-budget <size> e.g. 2G, 512M (default 2G)
  --device cpu|cuda|webgpu  where onnxruntime runs the model (default cpu)
  --backend onnx|vllm    default onnx; vllm: score through a vLLM server (vllm serve <model> --runner pooling)
  --vllm-url <url>       with --backend vllm: the server, e.g. http://host:8000 (required)
  --vllm-model <name>    with --backend vllm: the served model name (default: the manifest's source)
  --force                re-run sweeps that are already complete
  --prefix-cache auto|on|off  a model with key/value cache inputs (manifest pastKeyValues) can run
                         the prompt prefix once and each row only [id] + suffix; auto (default)
                         measures both ways on the first batches and keeps the faster; on: always
                         cache (a model without cache inputs still runs whole rows); off: never
  --chunk-rows <n>       rows per committed chunk, the resume granularity (default 16384)
  --limit <n>            score only the first n selected ids (smoke tests)
  --queue                queue the sweep as shards for \`npm run worker\` processes instead of running it here
                         (id mode and ONNX bundles; not with --mode paper, --backend vllm, --force, --memory-budget)
  --shard-size <n>       token ids per shard (default 32768)
  --retry-parked         with --queue: send parked (poison) shards again
  --no-analyze           skip refreshing the materialised analyses afterwards
  -h, --help             this text
exit codes: 0 done, 2 bad input, 1 runtime failure, 64 usage`;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--memory-budget "${text}" is not a size like 512M or 2G`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Number(match[1]) * unit;
}

runCli("sweep", async () => {
  const { values } = parseArgs({
    options: {
      model: { type: "string", multiple: true },
      prompt: { type: "string", multiple: true },
      mode: { type: "string", default: "id" },
      exclude: { type: "string" },
      "batch-size": { type: "string" },
      "memory-budget": { type: "string" },
      device: { type: "string", default: "cpu" },
      backend: { type: "string", default: "onnx" },
      "vllm-url": { type: "string" },
      "vllm-model": { type: "string" },
      "all-demo": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "prefix-cache": { type: "string", default: "auto" },
      "chunk-rows": { type: "string" },
      queue: { type: "boolean", default: false },
      "shard-size": { type: "string" },
      "retry-parked": { type: "boolean", default: false },
      "no-analyze": { type: "boolean", default: false },
      limit: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new HelpRequest(USAGE);
  const mode = values.mode;
  if (mode !== "id" && mode !== "paper") throw new UsageError(`--mode must be id or paper\n${USAGE}`);
  const exclude = (values.exclude?.split(",").map((s) => s.trim()).filter(Boolean) ?? []) as VocabExclusion[];
  const unknown = exclude.filter((e) => !VOCAB_EXCLUSIONS.includes(e));
  if (unknown.length) throw new UsageError(`--exclude: unknown ${unknown.join(", ")} (known: ${VOCAB_EXCLUSIONS.join(", ")})`);
  const device = values.device as OnnxDevice;
  if (!["cpu", "cuda", "webgpu"].includes(device)) throw new UsageError(`--device must be cpu, cuda or webgpu`);
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new UsageError("--batch-size must be a positive integer");
  const chunkRows = values["chunk-rows"] ? Number(values["chunk-rows"]) : undefined;
  if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows > 0)) throw new UsageError("--chunk-rows must be a positive integer");
  const limit = values.limit ? Number(values.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError("--limit must be a positive integer");
  const prefixCache = values["prefix-cache"];
  if (!isPrefixCacheMode(prefixCache)) throw new UsageError(`--prefix-cache must be ${PREFIX_CACHE_MODES.join(", ")}`);
  if (values.queue && prefixCache !== "auto")
    throw new UsageError(`queued sweeps take --prefix-cache from their workers (each measures its own device): npm run worker -- --prefix-cache ${prefixCache}`);
  if (values.queue) {
    // What a queued sweep cannot honour is refused, not silently dropped.
    const unsupported = [
      mode !== "id" && "--mode paper (workers build id-mode rows)",
      values.backend !== "onnx" && "--backend vllm (workers run ONNX bundles)",
      values.force && "--force (delete the sweep first: deleteSweep, or the Runs page)",
      values["memory-budget"] !== undefined && "--memory-budget (queued sweeps use --batch-size, default 1024)",
    ].filter(Boolean);
    if (unsupported.length) throw new UsageError(`--queue cannot take ${unsupported.join("; ")}`);
  }
  if (!values["all-demo"] && !values.model?.length) throw new UsageError(`give --model <bundle-dir> or --all-demo\n${USAGE}`);

  let openBackend: BackendFactory;
  if (values.backend === "vllm") {
    const url = values["vllm-url"];
    if (!url) throw new UsageError("--backend vllm needs --vllm-url http://host:8000");
    // The bundle's manifest still says which column of the classifier's output is the reward.
    openBackend = async (bundle) =>
      withRowProbe(await VllmBackend.open({ baseUrl: url, model: values["vllm-model"] ?? bundle.manifest.source, rewardIndex: bundle.manifest.reward.index }));
  } else if (values.backend === "onnx") {
    openBackend = (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device });
  } else {
    throw new UsageError(`--backend must be onnx or vllm`);
  }

  await withDatabase(async ({ db, url, pool }) => {
    const log = (line: string) => console.log(line);
    const slugs = values.prompt?.length ? values.prompt : ["greatest", "best", "worst"];
    const prompts = await db.prompt.findMany({ where: { slug: { in: slugs } } });
    const missing = slugs.filter((slug) => !prompts.some((p) => p.slug === slug));
    if (missing.length) {
      const known = (await db.prompt.findMany({ select: { slug: true } })).map((p) => p.slug);
      throw new UsageError(`unknown prompt ${missing.join(", ")} (known: ${known.join(", ")})`);
    }
    const ordered = slugs.map((slug) => prompts.find((p) => p.slug === slug)!);
    const bundleDirs = [...(values.model ?? []), ...(values["all-demo"] ? ensureDemoBundles(undefined, log) : [])];
    if (values.queue) {
      const shardSize = values["shard-size"] ? Number(values["shard-size"]) : undefined;
      if (shardSize !== undefined && !(Number.isInteger(shardSize) && shardSize > 0)) throw new UsageError("--shard-size must be a positive integer");
      for (const bundleDir of bundleDirs) {
        await enqueueSweeps({ db, pool, databaseUrl: url, bundleDir, prompts: ordered, openBackend, exclude, limit, shardSize, batchSize, retryParked: values["retry-parked"], log });
      }
      return;
    }
    for (const bundleDir of bundleDirs) {
      await sweepBundle({
        db, databaseUrl: url, bundleDir, prompts: ordered, openBackend, mode, exclude, batchSize,
        memoryBudgetBytes: parseSize(values["memory-budget"] ?? "2G"), force: values.force, log, chunkRows, limit, prefixCache,
      });
    }
    if (!values["no-analyze"]) await refreshAnalyses(pool, log);
  });
});
