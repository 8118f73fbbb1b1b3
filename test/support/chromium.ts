import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** A test's skip option: Debian's Chromium is what CI installs; without it the browser tests say so. */
export const skipWithoutChromium: false | string = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}: apt-get install chromium`;

/**
 * Opens a local HTML file in headless Chromium with the network cut off, runs `check` on the page, and returns
 * every console error, page error and network request the page made (a self-contained page makes none).
 */
export async function inChromium(path: string, check: (page: Page) => Promise<void>): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) {
        return route.continue();
      }
      problems.push(`network: ${url}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    await check(page);
    return problems;
  } finally {
    await browser.close();
  }
}
