// Placeholder until the sweep runner lands (issue 3): the demo sweeps are not built yet.
import type { Db } from "../../server/db/prisma";

export async function ensureDemoSweeps(db: Db, _url: string, options: { log: (line: string) => void }): Promise<void> {
  if ((await db.rewardModel.count()) === 0) options.log("demo models: not available yet");
}
