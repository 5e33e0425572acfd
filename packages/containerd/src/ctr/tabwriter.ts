// Go's text/tabwriter as ctr uses it (padchar ' ', no flags): a tab ends a
// cell; every tab-terminated cell of a column is padded to the column's
// widest cell plus `padding`, at least `minwidth`; the text after a line's
// last tab is not a cell and is written as it is.

export function tabwriter(text: string, minwidth: number, padding: number): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const rows = lines.map((l) => l.split('\t'));
  const widths: number[] = [];
  for (const cells of rows) {
    for (let i = 0; i < cells.length - 1; i++) widths[i] = Math.max(widths[i] ?? minwidth, cells[i]!.length + padding, minwidth);
  }
  return rows.map((cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('')).join('\n') + '\n';
}
