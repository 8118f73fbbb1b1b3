import type { Page } from "playwright-core";
import { waitInPage } from "./chromium";

// The classic Notebook's page API (window.Jupyter.notebook, its cells' output_area and code_mirror) is that of
// notebook 6.4: notebook/static/notebook/js/notebook.js, codecell.js, outputarea.js.

const LOADED = `!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())`;

/** Opens a notebook page and waits until its outputs are rendered and its kernel is connected. */
export async function openNotebook(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await waitInPage(page, LOADED, timeoutMs);
}

/** Reloads the page (the notebook reopened from what was saved) and waits as openNotebook does. */
export async function reopenNotebook(page: Page, timeoutMs: number): Promise<void> {
  await page.reload({ waitUntil: "load" });
  await waitInPage(page, LOADED, timeoutMs);
}

/** The highest execution count shown, so a new run's cells can be told from the last run's. */
async function lastExecutionCount(page: Page): Promise<number> {
  return page.evaluate<number>(`Math.max(0, ...Jupyter.notebook.get_cells().map((cell) => typeof cell.input_prompt_number === "number" ? cell.input_prompt_number : 0))`);
}

/**
 * Cell > Run All from the menu bar, as a student clicks it, then waits until no cell is queued or running.
 * Returns the indexes of code cells (with code) this run did not execute: after an error the Notebook skips the
 * rest. https://jupyter-notebook.readthedocs.io/en/6.4.12/examples/Notebook/Running%20Code.html
 */
export async function runAllCells(page: Page, timeoutMs: number): Promise<number[]> {
  const before = await lastExecutionCount(page);
  await page.click('#menus a.dropdown-toggle:text-is("Cell")');
  await page.click("#run_all_cells > a");
  await waitInPage(page, `Jupyter.notebook.get_cells().every((cell) => cell.cell_type !== "code" || cell.input_prompt_number !== "*")`, timeoutMs);
  return page.evaluate<number[]>(`Jupyter.notebook.get_cells().flatMap((cell, index) =>
    cell.cell_type === "code" && cell.get_text().trim() !== "" &&
    !(typeof cell.input_prompt_number === "number" && cell.input_prompt_number > ${before}) ? [index] : [])`);
}

/** Saves the notebook as Ctrl-S does; the server signs it, so it reopens trusted. */
export async function saveNotebook(page: Page): Promise<void> {
  await page.evaluate(`Jupyter.notebook.save_notebook()`);
}

/** What a student would see wrong in the open notebook, each as "cell N: ..." lines. */
export interface PageFindings {
  /** Error outputs (a cell that threw). */
  readonly errors: string[];
  /** How many Plotly figures (showFigure's outputs) the page holds, and which are not drawn. */
  readonly figures: number;
  readonly undrawnFigures: string[];
  /** Box-drawing text tables whose lines wrap, and HTML tables wider than their output area. */
  readonly wrappedTables: string[];
  /** Code cells whose lines are wider than the editor (the rest is hidden behind a scroll bar). */
  readonly clippedCode: string[];
  readonly trusted: boolean;
}

/** Reads PageFindings from the DOM and the Notebook's cell objects. */
export function findingsIn(page: Page): Promise<PageFindings> {
  return page.evaluate<PageFindings>(`(() => {
    const cells = Jupyter.notebook.get_cells();
    const cellOf = (element) => cells.findIndex((cell) => cell.element[0].contains(element));
    const errors = cells.flatMap((cell, index) => cell.cell_type !== "code" ? [] :
      cell.output_area.outputs.filter((output) => output.output_type === "error")
        .map((output) => "cell " + index + ": " + output.ename + ": " + output.evalue));
    const figureElements = [...document.querySelectorAll('#notebook [id^="gpu-stream-figure-"]')];
    const drawn = (element) => {
      const plot = element.classList.contains("js-plotly-plot") ? element : element.querySelector(".js-plotly-plot");
      return plot !== null && plot.querySelector(".main-svg") !== null && (
        plot.querySelectorAll(".scatterlayer .point, .barlayer .point, .hm").length > 0 ||
        [...plot.querySelectorAll(".scatterlayer .js-line")].some((line) => (line.getAttribute("d") || "").length > 10));
    };
    const undrawnFigures = figureElements.filter((element) => !drawn(element))
      .map((element) => "cell " + cellOf(element) + ": " + (element.textContent || "(empty)").trim().slice(0, 120));
    const wrappedTables = [];
    for (const pre of document.querySelectorAll("#notebook .output_area pre")) {
      const text = pre.textContent.replace(/\\n$/, "");
      if (!/[\\u2500-\\u257f]/.test(text)) continue;
      const lineHeight = parseFloat(getComputedStyle(pre).lineHeight);
      const rendered = Math.round(pre.getBoundingClientRect().height / lineHeight);
      const lines = text.split("\\n").length;
      if (rendered > lines) {
        const widest = Math.max(...text.split("\\n").map((line) => line.length));
        wrappedTables.push("cell " + cellOf(pre) + ": " + lines + " text lines render as " + rendered + " (widest " + widest + " characters)");
      }
    }
    for (const table of document.querySelectorAll("#notebook .output_area table")) {
      const area = table.closest(".output_subarea");
      const width = table.getBoundingClientRect().width;
      if (area !== null && width > area.clientWidth + 1) {
        wrappedTables.push("cell " + cellOf(table) + ": an HTML table " + Math.round(width) + " px wide in an output area of " + area.clientWidth + " px");
      }
    }
    const clippedCode = cells.flatMap((cell, index) => {
      if (cell.cell_type !== "code") return [];
      const scroll = cell.code_mirror.getScrollInfo();
      if (scroll.width <= scroll.clientWidth + 1) return [];
      const widest = Math.max(...cell.get_text().split("\\n").map((line) => line.length));
      return ["cell " + index + ": code " + scroll.width + " px wide in an editor of " + scroll.clientWidth + " px (longest line " + widest + " characters)"];
    });
    return { errors, figures: figureElements.length, undrawnFigures, wrappedTables, clippedCode, trusted: Jupyter.notebook.trusted };
  })()`);
}

/** Waits (bounded) until every figure in the page is drawn, so a slow Plotly is not read as a missing one. */
export async function figuresDrawn(page: Page, timeoutMs: number): Promise<void> {
  await waitInPage(
    page,
    `[...document.querySelectorAll('#notebook [id^="gpu-stream-figure-"]')].every((element) => element.querySelector(".main-svg") !== null)`,
    timeoutMs,
  ).catch(() => undefined);
}

/**
 * A screenshot of the whole notebook. The classic Notebook scrolls inside #site, not the page, so Playwright's
 * fullPage sees one screen: the viewport is stretched to the notebook's height for the shot.
 */
export async function screenshotNotebook(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate<number>(`document.getElementById("header").offsetHeight + document.getElementById("site").scrollHeight`);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  try {
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
}
