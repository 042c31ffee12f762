import Link from "next/link";
import { PageHead } from "../../components/PageHead";
import { Empty } from "../../components/States";
import { getCatalog } from "../../lib/catalog";

export async function PromptsIndexView() {
  const catalog = await getCatalog();
  const modelsPerPrompt = (slug: string) => catalog.swept.filter((m) => m.sweeps.some((s) => s.status === "COMPLETED" && s.prompt.slug === slug)).length;
  return (
    <>
      <PageHead title="Prompts" lead="Each prompt asks for a one-word answer; every token of a model's vocabulary is scored as that answer." />
      {catalog.prompts.length === 0 ? (
        <Empty title="No prompts yet.">The paper&apos;s prompts are added on the first start.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Prompt</th>
                <th scope="col">Text</th>
                <th scope="col">Framing</th>
                <th scope="col">Opposite</th>
                <th scope="col" className="num">Models swept</th>
              </tr>
            </thead>
            <tbody>
              {catalog.prompts.map((p) => (
                <tr key={p.slug}>
                  <th scope="row">
                    <Link href={`/prompts/${encodeURIComponent(p.slug)}`}>{p.slug}</Link>
                  </th>
                  <td>{p.text}</td>
                  <td>{p.framing.toLowerCase()}</td>
                  <td>{p.pair ? <Link href={`/prompts/${encodeURIComponent(p.pair.slug)}`}>{p.pair.slug}</Link> : "—"}</td>
                  <td className="num">{modelsPerPrompt(p.slug)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
