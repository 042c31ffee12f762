// On an empty database `npm start` sweeps the demo models over the paper's prompts, so the
// dashboard shows real findings (about demo models, labelled as such) with no download.
import type { Db } from "../../server/db/prisma";
import { PAPER_PROMPTS } from "../../server/db/seed";
import { OnnxBackend } from "../backends/onnx";
import { sweepBundle, type PromptSweepSummary } from "../sweep/sweepBundle";
import { describeVocabPolicy } from "../sweep/vocabPolicy";
import { ensureDemoBundles } from "./demoBundles";

export interface DemoSweepOptions {
  log: (line: string) => void;
  interactive?: boolean;
  force?: boolean;
}

export async function sweepDemoModels(db: Db, databaseUrl: string, options: DemoSweepOptions): Promise<PromptSweepSummary[]> {
  const prompts = await db.prompt.findMany({ where: { slug: { in: PAPER_PROMPTS.map((p) => p.slug) } }, orderBy: { id: "asc" } });
  const summaries: PromptSweepSummary[] = [];
  for (const bundleDir of ensureDemoBundles(undefined, options.log)) {
    summaries.push(
      ...(await sweepBundle({
        db,
        databaseUrl,
        bundleDir,
        prompts,
        openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" }),
        force: options.force,
        log: options.log,
        interactive: options.interactive,
      })),
    );
  }
  return summaries;
}

/** First start (no models) or an interrupted demo sweep: (re)run the demo sweeps. Only the sweeps
 * this start makes count (id mode, whole vocabulary, the paper's prompts) and only interrupted ones:
 * a demo sweep someone cancelled, or ran another way, is theirs to resume. */
export async function ensureDemoSweeps(db: Db, databaseUrl: string, options: DemoSweepOptions): Promise<void> {
  const models = await db.rewardModel.count();
  const unfinished = await db.sweep.count({
    where: {
      model: { isDemo: true },
      mode: "ID",
      vocabPolicy: describeVocabPolicy([]),
      prompt: { slug: { in: PAPER_PROMPTS.map((p) => p.slug) } },
      status: { in: ["PENDING", "RUNNING", "FAILED"] },
    },
  });
  if (models > 0 && unfinished === 0) return;
  options.log(models === 0 ? "demo models: empty database, sweeping the demo models over the paper's prompts" : "demo models: resuming unfinished demo sweeps");
  await sweepDemoModels(db, databaseUrl, options);
}
