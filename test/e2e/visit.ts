// Opening a dashboard page in the e2e browser while collecting everything that went wrong on it.
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { expect } from "vitest";

export interface Visit {
  page: Page;
  errors: string[];
}

export interface OpenOptions {
  width?: number;
  /** The document's expected status (default 200); a 404 page asserts its 404. */
  status?: number;
}

/** Open `url` on `baseUrl`, collecting console errors, uncaught exceptions and failed requests. */
export async function openPage(context: BrowserContext, baseUrl: string, url: string, options: OpenOptions = {}): Promise<Visit> {
  const page = await context.newPage();
  if (options.width) await page.setViewportSize({ width: options.width, height: 900 });
  const errors: string[] = [];
  const expected = options.status ?? 200;
  // Chromium logs an expected error status of the document itself as a console error; any other
  // failed request is still caught by the response listener below, by URL.
  const documentStatusLine = `Failed to load resource: the server responded with a status of ${expected}`;
  page.on("console", (message: ConsoleMessage) => {
    // The location names the failed resource: Chromium's message does not (a request the browser
    // makes itself, such as a favicon, has no response event below).
    const where = message.location().url;
    if (message.type() === "error" && !(expected >= 400 && message.text().startsWith(documentStatusLine))) errors.push(`console: ${message.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("response", (response) => {
    const isDocument = response.url() === `${baseUrl}${url}`;
    if (response.status() >= 400 && !(isDocument && response.status() === expected)) errors.push(`${response.status()} ${response.url()}`);
  });
  const response = await page.goto(`${baseUrl}${url}`, { waitUntil: "networkidle" });
  expect(response?.status(), url).toBe(expected);
  return { page, errors };
}
