// npm run import -- candidates <file.csv>... [--set <slug>] [--set-name <name>] [--prompt-text <text>]
// npm run import -- paper-scores <file.csv> --model <hf-id> [--tokenizer <bundle-or-tokenizer-dir>]
// npm run import -- bnc-frequency <1_1_all_alpha.txt> [--source bnc] [--aggregation lemmaHeads|wordForms]
import { parseArgs } from "node:util";
import { importCandidateTable } from "../import/candidateTable";
import { importPaperScores } from "../import/paperScores";
import { importBncFrequencies } from "../import/wordFrequencies";
import { loadTokenizer } from "../tokenize";
import { FIXTURE_TOKENIZER_DIRS, type FixtureTokenizer } from "../tokenize/fixtures";
import { HelpRequest, refreshAnalyses, runCli, UsageError, withDatabase } from "./common";

const USAGE = `usage:
  npm run import -- candidates <file.csv>... [--set eloeverything] [--set-name EloEverything] [--prompt-text "..."]
  npm run import -- paper-scores <file.csv> --model <hf-id> [--tokenizer <dir> | llama3_1 | qwen3 | gemma3]
  npm run import -- bnc-frequency <1_1_all_alpha.txt> [--source bnc] [--aggregation lemmaHeads | wordForms]
                   the paper's BNC word-frequency list, for the frequency-bias analysis beside SUBTLEX-US`;

runCli("import", async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      set: { type: "string" },
      "set-name": { type: "string" },
      "prompt-text": { type: "string" },
      model: { type: "string" },
      tokenizer: { type: "string" },
      source: { type: "string" },
      aggregation: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [kind, ...files] = positionals;
  if (values.help) throw new HelpRequest(USAGE);
  if (!kind) throw new UsageError(USAGE);
  if (files.length === 0) throw new UsageError(`no file given\n${USAGE}`);

  await withDatabase(async ({ pool }) => {
    if (kind === "candidates") {
      for (const file of files) {
        const r = await importCandidateTable(pool, { file, setSlug: values.set, setName: values["set-name"], promptText: values["prompt-text"] });
        console.log(`${file}: ${r.items} items x ${r.models} models = ${r.scores} scores`);
      }
    } else if (kind === "paper-scores") {
      if (!values.model) throw new UsageError(`paper-scores needs --model <hf-id>\n${USAGE}`);
      const name = values.tokenizer;
      const tokenizer = name ? await loadTokenizer(FIXTURE_TOKENIZER_DIRS[name as FixtureTokenizer] ?? name) : undefined;
      for (const file of files) {
        const r = await importPaperScores(pool, { file, modelId: values.model, tokenizer });
        console.log(`${file}: ${r.tokens} tokens, sweeps ${r.sweeps.map((s) => `${s.prompt}=#${s.sweepId}`).join(", ")}`);
      }
    } else if (kind === "bnc-frequency") {
      const aggregation = values.aggregation ?? "lemmaHeads";
      if (aggregation !== "lemmaHeads" && aggregation !== "wordForms") throw new UsageError(`--aggregation must be lemmaHeads or wordForms\n${USAGE}`);
      if (files.length !== 1) throw new UsageError(`bnc-frequency takes one file\n${USAGE}`);
      const r = await importBncFrequencies(pool, { file: files[0], source: values.source, aggregation });
      console.log(`${files[0]}: ${r.words} words as frequency list "${r.source}"`);
    } else {
      throw new UsageError(`unknown import kind "${kind}"\n${USAGE}`);
    }
    await refreshAnalyses(pool);
  });
});
