// Go's formatting as runc prints it: %q quoting, time.Time in RFC 3339 with
// nanoseconds, text/tabwriter columns and logrus log lines. Go programs print
// errors in their own words, so these are the words of the runtime layers.

/** strconv.Quote (what fmt's %q gives) for the strings runc quotes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** time.Time.Format(time.RFC3339Nano) of a UTC time given in (possibly fractional) ms since the epoch. */
export function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms);
  const d = new Date(whole);
  let nanos = Math.round((ms - whole) * 1e6) + (whole % 1000) * 1e6;
  if (whole < 0 && whole % 1000 !== 0) nanos += 1e9;
  let frac = '';
  if (nanos > 0) frac = '.' + String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${frac}Z`;
}

/** time.RFC3339 (seconds only), as logrus's formatters stamp lines. */
export function rfc3339(ms: number): string {
  return rfc3339Nano(Math.floor(ms / 1000) * 1000);
}

/**
 * text/tabwriter with runc's settings (minwidth 12, tabwidth 1, padding 3,
 * padchar ' ', flags 0): a tab ends a cell, cells of a column are padded to
 * the widest plus padding; the last cell of a line is not a column.
 */
export function tabwrite(lines: string[][], minwidth = 12, padding = 3): string {
  const widths: number[] = [];
  for (const cells of lines) {
    for (let i = 0; i < cells.length - 1; i++) {
      const w = Math.max(minwidth, cells[i]!.length + padding);
      if (!(widths[i]! >= w)) widths[i] = w;
    }
  }
  let out = '';
  for (const cells of lines) {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      out += i < cells.length - 1 ? c + ' '.repeat(widths[i]! - c.length) : c;
    }
    out += '\n';
  }
  return out;
}

/** A logrus JSONFormatter line: keys sorted (level, msg, time), time in RFC 3339. */
export function logrusJson(level: string, msg: string, ms: number): string {
  return `{"level":"${level}","msg":${JSON.stringify(msg)},"time":"${rfc3339(ms)}"}\n`;
}

/** A logrus TextFormatter line when the output is not a terminal. */
export function logrusText(level: string, msg: string, ms: number): string {
  const q = /^[A-Za-z0-9\-._/@^+]*$/.test(msg) && msg !== '' ? msg : goQuote(msg);
  return `time="${rfc3339(ms)}" level=${level} msg=${q}\n`;
}

/** A logrus TextFormatter line on a terminal: coloured level, seconds since start, message padded to 44. */
export function logrusTty(level: string, msg: string, sinceStartMs: number): string {
  const tag = level.toUpperCase().slice(0, 4);
  const color = level === 'error' || level === 'fatal' || level === 'panic' ? 31 : level === 'warning' ? 33 : level === 'info' ? 36 : 37;
  return `\x1b[${color}m${tag}\x1b[0m[${String(Math.floor(sinceStartMs / 1000)).padStart(4, '0')}] ${msg.padEnd(44)} \n`;
}
