// Keyboard, phone and readability checks of the dashboard, registered inside dashboard.test.ts's
// describe (they share its demo database, server and browser).
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { Db } from "../../server/db/prisma";
import type { OpenOptions, Visit } from "./visit";

export interface UsabilityContext {
  open(url: string, options?: OpenOptions): Promise<Visit>;
  /** The server's base URL. */
  url: string;
  db: Db;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName ?? "", name: el?.getAttribute("name") ?? "", value: el?.value ?? "", id: el?.id ?? "" };
  });

/** Whether an element of `selector` is on screen (its top inside the viewport). */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  });

export function usabilityChecks(context: () => UsabilityContext) {
  it.each([
    ["paper", "PAPER"],
    ["fold", "STRIP_SPACE_CASEFOLD"],
  ])("ranked lists over the shared vocabulary: tokens=shared&norm=%s lists only strings every demo model has once", async (norm, api) => {
    const { page, errors } = await context().open(`/prompts/greatest?tokens=shared&norm=${norm}&k=20`);
    expect(await page.locator('select[name="tokens"]').inputValue()).toBe("shared");
    const heading = page.getByRole("heading", { name: /Optimal shared-vocabulary tokens/ });
    await heading.waitFor({ state: "visible" });
    // Each model's column lists that model's top shared-vocabulary tokens, as the API ranks them.
    const columns = await page.locator("section").first().locator(".column").all();
    expect(columns.length).toBeGreaterThan(1);
    let differsFromPaper = false;
    for (const column of columns) {
      const slug = decodeURIComponent((await column.locator("h3 a").getAttribute("href"))!.split("/models/")[1].split("?")[0]);
      const sharedTop = async (normalization: string) => {
        const response = await fetch(`${context().url}/api/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ ranking(modelSlug: "${slug}", promptSlug: "greatest", tokens: SHARED, sharedVocabulary: ${normalization}, first: 20) { edges { node { decoded } } } }` }),
        });
        return ((await response.json()) as { data: { ranking: { edges: { node: { decoded: string } }[] } } }).data.ranking.edges.map((e) => e.node.decoded);
      };
      const listed = await sharedTop(api);
      expect(listed).toHaveLength(20);
      const shown = await column.innerText();
      for (const decoded of listed) expect(shown).toContain(decoded.trim());
      if (api !== "PAPER") differsFromPaper ||= listed.join("\n") !== (await sharedTop("PAPER")).join("\n");
    }
    // Under another normalisation some model's list is not the paper's, so the page had to pass it on.
    if (api !== "PAPER") expect(differsFromPaper).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters keep keyboard focus: an arrow key in a select and Space on a checkbox apply without losing it", async () => {
    const { page, errors } = await context().open("/heterogeneity");
    const prompt = page.locator('form[aria-label="Filters"] select[name="prompt"]');
    const before = await prompt.inputValue();
    await prompt.focus();
    await page.keyboard.press("ArrowDown");
    await page.waitForURL(/[?&]prompt=/);
    await page.waitForLoadState("networkidle");
    const afterSelect = await focused(page);
    expect(afterSelect).toMatchObject({ tag: "SELECT", name: "prompt" });
    expect(afterSelect.value).not.toBe(before);
    // A second arrow key goes on from there (the control was not replaced under the keyboard).
    await page.keyboard.press("ArrowUp");
    await page.waitForURL((url) => url.searchParams.get("prompt") === before);
    await page.waitForLoadState("networkidle");
    expect(await focused(page)).toMatchObject({ tag: "SELECT", name: "prompt", value: before });

    const box = page.locator('form[aria-label="Filters"] input[type="checkbox"][name="models"]').first();
    const model = await box.getAttribute("value");
    await box.focus();
    await page.keyboard.press("Space");
    await page.waitForURL(/[?&]models=/);
    await page.waitForLoadState("networkidle");
    expect(await focused(page)).toMatchObject({ tag: "INPUT", name: "models", value: model });
    expect(await box.isChecked()).toBe(false);
    await page.keyboard.press("Space");
    await page.waitForURL((url) => !url.searchParams.has("models"));
    expect(await box.isChecked()).toBe(true);
    expect(await focused(page)).toMatchObject({ tag: "INPUT", value: model });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("serves /favicon.ico as the app icon (a 404 there is logged as a console error on the page)", async () => {
    const response = await fetch(`${context().url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.redirected).toBe(true);
  });

  it("filters: Back returns to the previous filters, and a model pair is dropped when the models change", async () => {
    const { page, errors } = await context().open("/heterogeneity");
    const pair = page.locator('form[aria-label="Filters"] select[name="pair"]');
    const pairs = await pair.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(pairs.length).toBeGreaterThan(2);
    const chosen = pairs[pairs.length - 1];
    await pair.selectOption(chosen);
    await page.waitForURL((url) => url.searchParams.get("pair") === chosen);
    await page.waitForLoadState("networkidle");
    // Unchecking a model drops the chosen pair: the view picks its default among the pairs left.
    const box = page.locator('form[aria-label="Filters"] input[type="checkbox"][name="models"]').first();
    await box.uncheck();
    await page.waitForURL((url) => url.searchParams.has("models"));
    expect(new URL(page.url()).searchParams.has("pair")).toBe(false);
    await page.waitForLoadState("networkidle");

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("pair") === chosen && !url.searchParams.has("models"));
    await expect.poll(() => pair.inputValue()).toBe(chosen);
    expect(await box.isChecked()).toBe(true);
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/heterogeneity" && url.search === "");
    await expect.poll(() => pair.inputValue()).toBe(pairs[0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("status: says the figures are current, with the number of stored results", async () => {
    const { page, errors } = await context().open("/status");
    const line = await page.getByTestId("analyses-status").innerText();
    expect(line).toMatch(/^Analyses: [1-9][\d,]* results, newest computed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · current$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a skip link is the first tab stop and moves focus past the header to the content", async () => {
    const { page, errors } = await context().open("/status");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.width > 50 && box.height > 20, "visible while focused").toBe(true);
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatchObject({ tag: "MAIN" });
    // The next tab stop is inside the content, not the header's navigation.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("identity: choosing a group (table link or heatmap cell) brings its terms into view and focuses their heading", async () => {
    const { page, errors } = await context().open("/identity");
    const groupLink = page.locator("table.data tbody th a").first();
    const group = await groupLink.innerText();
    await groupLink.click();
    await page.waitForURL(/[?&]group=/);
    await expect.poll(async () => (await focused(page)).id).toBe("terms");
    expect(await page.locator("#terms").innerText()).toContain(group);
    expect(await inView(page, "#terms")).toBe(true);

    await page.goto(`${context().url}/identity`, { waitUntil: "networkidle" });
    await page.locator("figure.chart").first().locator('[ecmeta_ssr_type="chart"]').first().click();
    await page.waitForURL(/[?&]group=/);
    await expect.poll(async () => (await focused(page)).id).toBe("terms");
    expect(await inView(page, "#terms")).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("token explorer: one-line suggestions with a model count; byte tokens flagged with their piece", async () => {
    const { page, errors } = await context().open("/tokens");
    const input = page.getByRole("combobox", { name: "Token text" });
    await input.click();
    await input.pressSequentially("lov", { delay: 40 });
    const options = page.locator("ul.suggestions li[role=option]");
    await options.first().waitFor({ state: "visible", timeout: 10_000 });
    const shown = await options.evaluateAll((items) =>
      items.map((li) => {
        const token = li.querySelector(".token")!;
        return { text: li.textContent ?? "", lines: token.getBoundingClientRect().height / parseFloat(getComputedStyle(token).lineHeight) };
      }),
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const option of shown) {
      expect(option.lines, option.text).toBeLessThan(1.5);
      expect(option.text).toMatch(/\d+ models?$/);
    }

    // Gemma's byte token <0x3C> decodes to "<" like an ordinary token: the row says which is which.
    const byteToken = await context().db.vocabToken.findFirst({ where: { isByte: true, decoded: "<" }, select: { tokenId: true, piece: true } });
    expect(byteToken, "a demo vocabulary with a byte token for <").not.toBeNull();
    await page.goto(`${context().url}/tokens?q=${encodeURIComponent("<")}&match=exact`, { waitUntil: "networkidle" });
    const cells = page.locator("th.token-cell");
    const byteCell = cells.filter({ hasText: `#${byteToken!.tokenId}` });
    expect(await byteCell.locator(".flag").allInnerTexts()).toEqual(["byte"]);
    expect(await byteCell.locator(".token-piece").innerText()).toContain(byteToken!.piece);
    const ordinary = cells.filter({ hasNotText: `#${byteToken!.tokenId}` });
    expect(await ordinary.count()).toBeGreaterThan(0);
    expect(await ordinary.locator(".flag").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("token explorer: a query with a line break shows in the box, and searching again keeps it", async () => {
    const { page, errors } = await context().open("/tokens?q=%0A");
    const input = page.getByRole("combobox", { name: "Token text" });
    expect(await input.inputValue()).toBe("\\n");
    await input.press("Enter");
    await page.waitForURL(/[?&]match=loose/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("\n");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("phone: ordinary words in token columns stay whole, and sweep times name their zone", async () => {
    const { page, errors } = await context().open("/prompts/greatest", { width: 390 });
    const broken = await page.locator("table .token").evaluateAll((tokens) =>
      tokens
        .filter((t) => /^\u2423?\p{L}{1,20}$/u.test(t.textContent ?? ""))
        .filter((t) => t.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(t).lineHeight))
        .map((t) => t.textContent),
    );
    expect(await page.locator("table .token").count()).toBeGreaterThan(20);
    expect(broken).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    const model = await page.locator("#h-top ~ .columns .column a").first().getAttribute("href");
    await page.goto(`${context().url}${model}`, { waitUntil: "networkidle" });
    const finished = await page.locator(".provenance-table tbody tr").first().locator("td").last().innerText();
    expect(finished).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(errors).toEqual([]);
    await page.close();
  });
}
