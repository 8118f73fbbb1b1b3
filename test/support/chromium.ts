import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** A test's skip option: Debian's Chromium is what CI installs; without it the browser tests say so. */
export const skipWithoutChromium: false | string = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}: apt-get install chromium`;

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}

/** A new page that records its console errors and page errors in `problems`. */
async function watchedPage(browser: Browser, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
  return page;
}

/**
 * Opens `url` (a server on this machine, e.g. http://127.0.0.1:PORT/) in headless Chromium, lets the page reach
 * that origin and nothing else, runs `check` on it, and returns every console error, page error and request to
 * any other origin (each aborted). `viewport` changes the window's size.
 */
export function inChromiumAt(url: string, check: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<string[]> {
  return inChromiumReaching(url, [], check, viewport);
}

/**
 * Opens `url` in headless Chromium as inChromiumAt does, but lets the page reach `alsoReach` (origins of other
 * local servers) too: for pages that make cross-origin requests. Returns the page's problems, as inChromiumAt.
 */
export async function inChromiumReaching(url: string, alsoReach: readonly string[], check: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<string[]> {
  const origins = new Set([new URL(url).origin, ...alsoReach.map((origin) => new URL(origin).origin)]);
  const browser = await launch();
  try {
    const problems: string[] = [];
    const page = await watchedPage(browser, problems);
    if (viewport !== undefined) {
      await page.setViewportSize(viewport);
    }
    await page.route("**/*", (route) => {
      const requested = route.request().url();
      if (requested.startsWith("data:") || origins.has(new URL(requested).origin)) {
        return route.continue();
      }
      problems.push(`network: ${requested}`);
      return route.abort();
    });
    await page.goto(url, { waitUntil: "load" });
    await check(page);
    return problems;
  } finally {
    await browser.close();
  }
}

/**
 * Opens a local HTML file in headless Chromium with the network cut off, runs `check` on the page, and returns
 * every console error, page error and network request the page made (a self-contained page makes none).
 */
export async function inChromium(path: string, check: (page: Page) => Promise<void>): Promise<string[]> {
  const browser = await launch();
  try {
    const problems: string[] = [];
    const page = await watchedPage(browser, problems);
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

/**
 * Polls a JavaScript expression in the page until it is truthy. Unlike page.waitForFunction with a string,
 * it needs no eval in the page, so a page whose Content-Security-Policy forbids eval can be waited on.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate<unknown>(expression)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`still false after ${timeoutMs} ms in the page: ${expression}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
