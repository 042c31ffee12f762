// The catalogue every view starts from: models, prompts and which model x prompt has a completed
// sweep. One small operation, cached like every other (app/lib/data.ts).
import { graphql } from "../graphql/generated";
import type { CatalogQuery } from "../graphql/generated/graphql";
import { query } from "./data";

export const CATALOG_QUERY = graphql(`
  query Catalog {
    models { slug displayName family parameterCount vocabSize isDemo backend source sweeps { id status mode prompt { slug } } }
    prompts { slug text framing tags pair { slug } }
  }
`);

// Names the views import; the shapes are what CATALOG_QUERY selects.
export type Catalog = CatalogQuery;
export type CatalogModel = Catalog["models"][number];
export type CatalogPrompt = Catalog["prompts"][number];

export async function getCatalog(): Promise<Catalog & { swept: CatalogModel[]; sweptPrompts: CatalogPrompt[] }> {
  const data = await query(CATALOG_QUERY);
  const models = [...data.models].sort((a, b) => a.slug.localeCompare(b.slug));
  const swept = models.filter((m) => m.sweeps.some((s) => s.status === "COMPLETED"));
  const promptsWithSweeps = new Set(swept.flatMap((m) => m.sweeps.filter((s) => s.status === "COMPLETED").map((s) => s.prompt.slug)));
  return {
    models,
    prompts: data.prompts,
    swept,
    sweptPrompts: data.prompts.filter((p) => promptsWithSweeps.has(p.slug)),
  };
}

export function completedPrompts(model: CatalogModel): string[] {
  return [...new Set(model.sweeps.filter((s) => s.status === "COMPLETED").map((s) => s.prompt.slug))];
}

/** Default prompt of a view: "greatest" when present (the paper's headline prompt). */
export function defaultPrompt(prompts: { slug: string }[]): string | undefined {
  return prompts.find((p) => p.slug === "greatest")?.slug ?? prompts[0]?.slug;
}

export function modelName(models: CatalogModel[], slug: string): string {
  return models.find((m) => m.slug === slug)?.displayName ?? slug;
}
