// text/template's builtin functions and the ones docker adds (templates.go:
// json, split, join, title, lower, upper, pad, truncate), plus goJSON, Go's
// encoding/json output (sorted map keys, no HTML escaping).

import { F64, OMIT_EMPTY, formatValue, isGoNil, isGoStruct, sprint, sprintf, sprintln } from '../format/gofmt.ts';
import { NO_VALUE, goTypeOf, truth, type TemplateFunc } from './exec.ts';

type Kind = 'bool' | 'int' | 'float' | 'string' | 'nil' | 'invalid' | 'other';
function kindOf(v: unknown): Kind {
  if (v === NO_VALUE) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof F64) return 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}
const num = (v: unknown) => (v instanceof F64 ? v.v : (v as number));

function eq1(a: unknown, b: unknown): boolean {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka === 'invalid' || kb === 'invalid') throw new Error('invalid type for comparison');
  if (ka === 'other' || kb === 'other') {
    if (ka === 'nil' || kb === 'nil') return a === b;
    throw new Error('non-comparable type');
  }
  if (ka === 'nil' || kb === 'nil') {
    if (ka === kb) return true;
    throw new Error('incompatible types for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return ka === 'float' || ka === 'int' ? num(a) === num(b) : a === b;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka === 'invalid' || kb === 'invalid') throw new Error('invalid type for comparison');
  if (ka === 'bool' || ka === 'other' || ka === 'nil') throw new Error('invalid type for comparison');
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return ka === 'string' ? (a as string) < (b as string) : num(a) < num(b);
}

function length(v: unknown): number {
  if (typeof v === 'string') return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object' && !(v instanceof F64)) return Object.keys(v).length;
  throw new Error(`len of type ${goTypeOf(v)}`);
}

function index(v: unknown, ...keys: unknown[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (cur === null || cur === undefined || cur === NO_VALUE) throw new Error('index of untyped nil');
    if (Array.isArray(cur) || typeof cur === 'string') {
      if (typeof k !== 'number') throw new Error(`cannot index slice/array with type ${goTypeOf(k)}`);
      const len = typeof cur === 'string' ? new TextEncoder().encode(cur).length : cur.length;
      if (k < 0 || k >= len) throw new Error(`index out of range: ${k}`);
      cur = typeof cur === 'string' ? new TextEncoder().encode(cur)[k] : cur[k];
    } else if (typeof cur === 'object') {
      if (typeof k !== 'string') throw new Error(`value has type ${goTypeOf(k)}; should be string`);
      const o = cur as Record<string, unknown>;
      cur = Object.prototype.hasOwnProperty.call(o, k) ? o[k] : NO_VALUE;
    } else throw new Error(`can't index item of type ${goTypeOf(cur)}`);
  }
  return cur;
}

/**
 * Go's json.Marshal with SetEscapeHTML(false): maps sorted, structs in field order.
 * A value's marshalJSON that gives a plain map is docker/cli's
 * formatter.MarshalJSON (the --format json of ps, images, volume ls, ...):
 * that one goes through json.Marshal, which writes <, > and & as \u003c,
 * \u003e and \u0026, and the encoder keeps those bytes.
 */
export function goJSON(v: unknown, escapeHTML = false): string {
  if (v === null || v === undefined || v === NO_VALUE || isGoNil(v)) return 'null';
  if (v instanceof F64) return numberJSON(v.v);
  if (typeof v === 'number') return numberJSON(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return stringJSON(v, escapeHTML);
  if (Array.isArray(v)) return '[' + v.map((x) => goJSON(x, escapeHTML)).join(',') + ']';
  const o = v as Record<string, unknown> & { marshalJSON?: () => unknown };
  if (typeof o.marshalJSON === 'function') {
    const m = o.marshalJSON();
    const formatterMap = m !== null && typeof m === 'object' && !Array.isArray(m) && !isGoStruct(m) && Object.getPrototypeOf(m) === Object.prototype;
    return goJSON(m, escapeHTML || formatterMap);
  }
  const keys = isGoStruct(o) || Object.getPrototypeOf(o) !== Object.prototype ? Object.keys(o) : Object.keys(o).sort();
  const omit = (o as Record<symbol, Set<string> | undefined>)[OMIT_EMPTY];
  return '{' + keys.filter((k) => o[k] !== undefined && typeof o[k] !== 'function' && !(omit?.has(k) && isEmptyJSON(o[k])))
    .map((k) => `${stringJSON(k, escapeHTML)}:${goJSON(o[k], escapeHTML)}`).join(',') + '}';
}

/** encoding/json's isEmptyValue: false, 0, "", nil, and empty arrays and maps. */
function isEmptyJSON(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (v instanceof F64) return v.v === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !isGoStruct(v)) return Object.keys(v).length === 0;
  return false;
}

function numberJSON(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  return String(n);
}

function stringJSON(s: string, escapeHTML = false): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c < 0x20 || c === 0x2028 || c === 0x2029 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&'))) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function str(v: unknown, _fn: string): string {
  if (typeof v !== 'string') throw new Error(`wrong type for value; expected string; got ${goTypeOf(v)}`);
  return v;
}

function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

export const builtins: Record<string, TemplateFunc> = {
  and: () => undefined, or: () => undefined,
  not: (v) => !truth(v),
  len: (v) => length(v),
  index: (v, ...k) => index(v, ...k),
  slice: (v, ...ix) => {
    if (typeof v === 'string') {
      const [a = 0, b = v.length] = ix as number[];
      if (a < 0 || b > v.length || a > b) throw new Error(`index out of range: ${b}`);
      return v.slice(a, b);
    }
    if (Array.isArray(v)) { const [a = 0, b = v.length] = ix as number[]; return v.slice(a, b); }
    throw new Error(`can't slice item of type ${goTypeOf(v)}`);
  },
  print: (...a) => sprint(a),
  printf: (f, ...a) => sprintf(str(f, 'printf'), a),
  println: (...a) => sprintln(a),
  eq: (a, ...bs) => {
    if (!bs.length) throw new Error('missing argument for comparison');
    return bs.some((b) => eq1(a, b));
  },
  ne: (a, b) => !eq1(a, b),
  lt: (a, b) => lt(a, b),
  le: (a, b) => lt(a, b) || eq1(a, b),
  gt: (a, b) => !lt(a, b) && !eq1(a, b),
  ge: (a, b) => !lt(a, b),
  html: (...a) => sprint(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  js: (...a) => sprint(a).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\"').replace(/</g, '\\u003C').replace(/>/g, '\\u003E'),
  urlquery: (...a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+'),
  call: (f, ...a) => { if (typeof f !== 'function') throw new Error(`non-function of type ${goTypeOf(f)}`); return (f as TemplateFunc)(...a); },
};

/** docker/cli templates.basicFunctions */
export const dockerFuncs: Record<string, TemplateFunc> = {
  json: (v) => goJSON(v),
  split: (s, sep) => { const a = str(s, 'split'); const b = str(sep, 'split'); return b === '' ? [...a] : a.split(b); },
  join: (a, sep) => {
    if (!Array.isArray(a)) throw new Error(`wrong type for value; expected []string; got ${goTypeOf(a)}`);
    return a.map((x) => formatValue(x)).join(str(sep, 'join'));
  },
  title: (s) => title(str(s, 'title')),
  lower: (s) => str(s, 'lower').toLowerCase(),
  upper: (s) => str(s, 'upper').toUpperCase(),
  pad: (s, pre, suf) => { const v = str(s, 'pad'); return v === '' ? v : ' '.repeat(pre as number) + v + ' '.repeat(suf as number); },
  truncate: (s, n) => { const v = str(s, 'truncate'); const b = new TextEncoder().encode(v); return b.length < (n as number) ? v : new TextDecoder().decode(b.slice(0, n as number)); },
};

/** templates.HeaderFunctions: table headers pass through these. */
export const headerFuncs: Record<string, TemplateFunc> = {
  json: (v) => v, split: (v) => v, join: (v) => v, title: (v) => v, lower: (v) => v, upper: (v) => v, truncate: (v) => v,
};
