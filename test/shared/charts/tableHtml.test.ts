import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { showTable, tableHtml } from "@gpu-stream/shared";

interface DisplayData {
  data: { [mime: string]: string };
}

function cells(html: string, tag: "th" | "td"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((match) => match[1]!);
}

describe("tableHtml: rows as an HTML table", () => {
  test("has one column per key, in the order keys first appear, and no index column", () => {
    const html = tableHtml([{ tipo: "energia", records: 4 }, { tipo: "Uso", records: 4, extra: "x" }]);
    assert.deepEqual(cells(html, "th"), ["tipo", "records", "extra"]);
    assert.deepEqual(cells(html, "td"), ["energia", "4", "–", "Uso", "4", "x"]);
    assert.doesNotMatch(html, /\(index\)/);
  });

  test("rounds numbers and decimal strings to the digits asked for, and leaves whole numbers alone", () => {
    const rows = [{ mean: 41.23456, text: "1410.987654", whole: "1410", count: 12 }];
    assert.deepEqual(cells(tableHtml(rows), "td"), ["41.23", "1410.99", "1410", "12"]);
    assert.deepEqual(cells(tableHtml(rows, { digits: 0 }), "td"), ["41", "1411", "1410", "12"]);
    assert.match(tableHtml(rows), /<td class="number" style="text-align: right;">41\.23<\/td>/);
  });

  test("escapes text, shows the caption and says how many rows a limit left out", () => {
    const rows = Array.from({ length: 5 }, (_, index) => ({ name: `<b>${index}</b>` }));
    const html = tableHtml(rows, { caption: "Records & tipos", limit: 2 });
    assert.match(html, /<caption>Records &amp; tipos<\/caption>/);
    assert.deepEqual(cells(html, "td"), ["&lt;b&gt;0&lt;/b&gt;", "&lt;b&gt;1&lt;/b&gt;"]);
    assert.match(html, /The first 2 of 5 rows\./);
    assert.doesNotMatch(tableHtml(rows), /The first/);
  });

  test("shows null and undefined as a dash", () => {
    assert.deepEqual(cells(tableHtml([{ a: null, b: undefined, c: "" }]), "td"), ["–", "–", ""]);
  });

  test("showTable displays the same HTML in a tslab notebook", () => {
    const shown: string[] = [];
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null };
    jupyter.lastWriteDisplayData = (data) => shown.push(data.data["text/html"]!);
    try {
      showTable([{ a: 1.005 }], { digits: 1 });
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    assert.deepEqual(shown, [tableHtml([{ a: 1.005 }], { digits: 1 })]);
  });
});
