/** CSV records in the text (a quoted field may hold line breaks, as Athena's result CSVs may). */
export function countCsvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let empty = true;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      quoted = !quoted;
    } else if (char === 0x0a && !quoted) {
      records += empty ? 0 : 1;
      empty = true;
      continue;
    }
    if (char !== 0x0d) {
      empty = false;
    }
  }
  return records + (empty ? 0 : 1);
}
