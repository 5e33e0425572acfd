// Go's text/tabwriter (docker's copy in cli/command/formatter/tabwriter):
// tab-terminated cells aligned in columns per block of consecutive lines.
// docker's tables use NewWriter(out, 10, 1, 3, ' ', 0).

interface Cell { width: number; text: string; htab: boolean }

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out = '';

  constructor(private readonly minwidth = 10, private readonly tabwidth = 1, private readonly padding = 3, private readonly padchar = ' ') {}

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        const line = this.lines[this.lines.length - 1];
        line.push({ width: [...this.cell].length, text: this.cell, htab: ch === '\t' });
        this.cell = '';
        const ncells = line.length;
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          if (ch === '\f' || ncells === 1) this.flushInternal();
        }
      } else {
        this.cell += ch;
      }
    }
  }

  /** Formats and returns everything written so far (text/tabwriter's Flush). */
  flush(): string {
    if (this.cell.length) {
      this.lines[this.lines.length - 1].push({ width: [...this.cell].length, text: this.cell, htab: false });
      this.cell = '';
    }
    this.flushInternal();
    const o = this.out;
    this.out = '';
    return o;
  }

  private flushInternal(): void {
    this.format(0, this.lines.length);
    this.lines = [[]];
  }

  private writePadding(textw: number, cellw: number): void {
    if (this.padchar === '\t') {
      const n = Math.ceil((cellw - textw) / this.tabwidth);
      this.out += '\t'.repeat(Math.max(0, n));
      return;
    }
    this.out += this.padchar.repeat(Math.max(0, cellw - textw));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.writePadding(c.width, this.widths[j]);
      });
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline yet
      } else {
        this.out += '\n';
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t];
      if (column >= line.length - 1) continue;
      this.writeLines(line0, t);
      line0 = t;
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      void discardable;
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t;
    }
    this.writeLines(line0, line1);
  }
}

/** Aligns tab-separated text the way docker's table formatter does. */
export function tabulate(text: string, minwidth = 10, tabwidth = 1, padding = 3): string {
  const w = new TabWriter(minwidth, tabwidth, padding);
  w.write(text);
  return w.flush();
}
