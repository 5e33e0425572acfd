// docker/cli's formatter.Context: a --format string ("table ...", "json",
// a Go template) applied to rows, tables aligned by the tabwriter with a
// header rendered from the context's header names.

import { headerFuncs, STRING_MAP, Template, TemplateError } from '../template/index.ts';
import { TabWriter } from './tabwriter.ts';

export const TABLE_FORMAT_KEY = 'table';
export const RAW_FORMAT_KEY = 'raw';
export const JSON_FORMAT_KEY = 'json';
export const DEFAULT_QUIET_FORMAT = '{{.ID}}';
export const JSON_FORMAT = '{{json .}}';

export const isTable = (f: string) => f.startsWith(TABLE_FORMAT_KEY);

/** A header map: missing keys are "" as in Go's map[string]string. */
export function headerMap(h: Record<string, string>): Record<string, string> {
  const m = { ...h };
  Object.defineProperty(m, STRING_MAP, { value: true, enumerable: false });
  return m;
}

/** The final template text (preFormat): "table" stripped, "json" expanded, \t and \n unescaped. */
export function preFormat(format: string): string {
  let f = format;
  if (isTable(f)) f = f.slice(TABLE_FORMAT_KEY.length);
  else if (f === JSON_FORMAT_KEY) f = JSON_FORMAT;
  f = f.replace(/^ +| +$/g, '');
  return f.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/** Parses a format like docker's formatter; errors read "template parsing error: ...". */
export function parseFormat(format: string): Template {
  try {
    return Template.parse(preFormat(format));
  } catch (e) {
    if (e instanceof TemplateError) throw new Error(`template parsing error: ${e.message}`);
    throw e;
  }
}

/** Renders rows with format (Context.Write); header is the context's header names. */
export function formatWrite(format: string, header: Record<string, string>, rows: unknown[]): string {
  const tmpl = parseFormat(format);
  let buf = '';
  for (const row of rows) {
    try {
      buf += tmpl.execute(row);
    } catch (e) {
      if (e instanceof TemplateError) throw new Error(`template parsing error: ${e.message}`);
      throw e;
    }
    buf += '\n';
  }
  if (!isTable(format)) return buf;
  const tw = new TabWriter(10, 1, 3, ' ');
  let head = '';
  try { head = tmpl.execute(headerMap(header), headerFuncs); } catch { /* docker ignores header errors */ }
  tw.write(head);
  tw.write('\n');
  tw.write(buf);
  return tw.flush();
}

/** stringid.TruncateID: 12 hex characters without the algorithm. */
export function truncateID(id = ''): string {
  const i = id.indexOf(':');
  const s = i >= 0 ? id.slice(i + 1) : id;
  return s.length > 12 ? s.slice(0, 12) : s;
}

/** Go's time.Time.String() for a UTC instant: "2006-01-02 15:04:05 +0000 UTC". */
export function goTimeString(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  let s = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const frac = ms % 1000;
  if (frac) s += '.' + p(frac, 3).replace(/0+$/, '');
  return s + ' +0000 UTC';
}

/** formatter.Ellipsis: cut to width with "…" (ASCII widths). */
export function ellipsis(s: string, max: number): string {
  if (max <= 0) return '';
  const rs = [...s];
  if (max === 1) return rs[0] ?? '';
  if (rs.length <= max) return s;
  return rs.slice(0, max - 1).join('') + '…';
}
