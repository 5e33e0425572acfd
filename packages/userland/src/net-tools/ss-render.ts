// ss's column layout (iproute2 misc/ss.c render()): every field is buffered,
// each column gets the width of its longest field plus its delimiter; on a
// terminal the spare width of the screen is spread over the columns (the
// rightmost ones get the remainder), otherwise the output stays compact.

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align: Align;
  /** Printed before the field when a line has already started. */
  delim: string;
  disabled?: boolean;
}

/** Netid, State, Recv-Q, Send-Q, Local Address:, Port, Peer Address:, Port, Process, (process details). */
export function ssColumns(): Column[] {
  return [
    { header: 'Netid', align: 'left', delim: '' },
    { header: 'State', align: 'left', delim: ' ' },
    { header: 'Recv-Q', align: 'left', delim: ' ' },
    { header: 'Send-Q', align: 'left', delim: ' ' },
    { header: 'Local Address:', align: 'right', delim: ' ' },
    { header: 'Port', align: 'left', delim: '' },
    { header: 'Peer Address:', align: 'right', delim: ' ' },
    { header: 'Port', align: 'left', delim: '' },
    { header: 'Process', align: 'left', delim: '' },
    { header: '', align: 'left', delim: '' },
  ];
}

/**
 * Lays out the header and rows (one string per column; disabled columns are
 * skipped). `screen` is the terminal width, or null when stdout is not a tty.
 */
export function renderColumns(cols: Column[], rows: string[][], screen: number | null, header = true): string {
  const head = cols.map((c) => c.header);
  // the header line has no field in the last column
  head[cols.length - 1] = '';
  const all = header ? [head, ...rows] : rows;
  if (!all.length) return '';
  const maxLen = cols.map((_, i) => Math.max(0, ...all.map((r) => (r[i] ?? '').length)));
  const width = cols.map(() => 0);
  let first = true;
  for (let i = 0; i < cols.length; i++) {
    if (cols[i]!.disabled) continue;
    width[i] = !first && maxLen[i]! ? maxLen[i]! + cols[i]!.delim.length : maxLen[i]!;
    if (screen !== null) width[i] = Math.min(width[i]!, screen);
    if (width[i]) first = false;
  }
  if (screen !== null) spread(cols, width, screen);
  let out = '';
  for (const r of all) {
    let line = '';
    let started = false;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.disabled) continue;
      const tok = r[i] ?? '';
      let printed = 0;
      if (started) { line += c.delim; printed = c.delim.length; }
      started = true;
      const w = width[i]!;
      if (w && c.align === 'right') {
        const s = w - tok.length - printed;
        if (s > 0) { line += ' '.repeat(s); printed += s; }
      }
      line += tok;
      printed += tok.length;
      if (w && c.align === 'left' && w - printed > 0) line += ' '.repeat(w - printed);
    }
    out += line + '\n';
  }
  return out;
}

/** render_calc_width's second pass: fill each screen line, the rightmost columns taking the remainder. */
function spread(cols: Column[], width: number[], screen: number): void {
  let len = 0, linecols = 0, eol = -1;
  for (let c = 0; c < cols.length; c++) {
    if (!width[c]) continue;
    linecols++;
    len += width[c]!;
    let isLast = true;
    for (let t = c + 1; t < cols.length; t++) if (width[t]) { isLast = false; break; }
    if (!isLast && len < screen) continue;
    if (len !== screen) {
      if (len > screen) { len -= width[c]!; c--; linecols--; }
      const pad = screen - len;
      const spacing = linecols ? Math.floor(pad / linecols) : 0;
      let rem = linecols ? pad % linecols : 0;
      for (let t = c; t > eol; t--) {
        if (!width[t]) continue;
        width[t]! += spacing;
        if (rem) { width[t]!++; rem--; }
      }
    }
    eol = c;
    len = 0;
    linecols = 0;
  }
}
