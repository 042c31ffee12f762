// npm run import -- candidates <file.csv>... [--set <slug>] [--set-name <name>] [--prompt-text <text>]
// npm run import -- paper-scores <file.csv> --model <hf-id> [--tokenizer llama3_1|qwen3|gemma3|<tokenizer-dir>]
// npm run import -- bnc-frequency <1_1_all_alpha.txt> [--source bnc] [--aggregation lemmaHeads|wordForms]
import { parseArgs } from "node:util";
import { importCandidateTable } from "../import/candidateTable";
import { slugForModelId } from "../import/importedModels";
import { loadImportTokenizer } from "../import/importTokenizer";
import { importPaperScores } from "../import/paperScores";
import { importBncFrequencies } from "../import/wordFrequencies";
import { HelpRequest, refreshAnalyses, runCli, UsageError, withDatabase } from "./common";

const USAGE = `usage:
  npm run import -- candidates <file.csv>... [--set eloeverything] [--set-name EloEverything] [--prompt-text "..."]
  npm run import -- paper-scores <file.csv> --model <hf-id> [--tokenizer <dir> | llama3_1 | qwen3 | gemma3]
  npm run import -- bnc-frequency <1_1_all_alpha.txt> [--source bnc] [--aggregation lemmaHeads | wordForms]
candidates     EloEverything-style tables (elo_rank, elo_score, name, elo_matches, one column per model),
               one file per prompt: the file name (without .csv) is the prompt, matched to a known
               prompt by its words (what-in-one-word-is-the-greatest-thing-ever.csv -> greatest)
  --set <slug>         candidate set to add the items to (default eloeverything)
  --set-name <name>    its display name when it is created (default EloEverything)
  --prompt-text <text> the prompt of one file, instead of its name (ignored when the name is a known prompt)
paper-scores   the release's per-token files (token_id, token_name, token_decoded, greatest, best, worst)
  --model <hf-id>      the model the file belongs to (required); its slug is printed
  --tokenizer <t>      check every token_name against llama3_1, qwen3, gemma3 or a folder with
                       tokenizer.json + tokenizer_config.json (the Gemma 2 models: a folder)
bnc-frequency  the paper's BNC word-frequency list, for the frequency-bias analysis beside SUBTLEX-US
  --source <name>      list name (default bnc; the frequency view and frequencyBias(frequencyList:) use it)
  --aggregation <a>    lemmaHeads (default, the paper's key) or wordForms (inflected forms too)
  -h, --help           this text`;

const KINDS = ["candidates", "paper-scores", "bnc-frequency"];

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
  // Checked before the database is opened (which may start the embedded server).
  if (!KINDS.includes(kind)) throw new UsageError(`unknown import kind "${kind}" (known: ${KINDS.join(", ")})\n${USAGE}`);
  if (files.length === 0) throw new UsageError(`no file given\n${USAGE}`);
  // One prompt text for several files would put every file's scores on one prompt, each replacing the last.
  if (values["prompt-text"] !== undefined && files.length > 1) throw new UsageError(`--prompt-text names the prompt of one file: import the ${files.length} files one at a time`);

  await withDatabase(async ({ pool }) => {
    if (kind === "candidates") {
      for (const file of files) {
        const r = await importCandidateTable(pool, { file, setSlug: values.set, setName: values["set-name"], promptText: values["prompt-text"] });
        console.log(`${file}: ${r.items} items x ${r.models} models = ${r.scores} scores`);
      }
    } else if (kind === "paper-scores") {
      if (!values.model) throw new UsageError(`paper-scores needs --model <hf-id>\n${USAGE}`);
      const tokenizer = values.tokenizer ? await loadImportTokenizer(values.tokenizer) : undefined;
      for (const file of files) {
        const r = await importPaperScores(pool, { file, modelId: values.model, tokenizer });
        console.log(
          `${file}: ${r.tokens} tokens of model "${slugForModelId(values.model)}" (its slug in the API and URLs), ` +
            `sweeps ${r.sweeps.map((s) => `${s.prompt}=#${s.sweepId}`).join(", ")}`,
        );
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
