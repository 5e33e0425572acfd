// Go's fmt as Go templates print values: %v of maps ("map[a:1 b:2]"), slices
// ("[a b]"), structs ("{a b}"), nil ("<nil>"), float64's shortest %g
// ("1.234567e+06"), and Printf's verbs with width, precision and flags.

/** A float64 (JSON numbers decoded by Go are float64 and print as %g). */
export class F64 {
  constructor(readonly v: number) {}
  toJSON(): number { return this.v; }
}

/** Marks an object whose fields print as a Go struct ({a b}) instead of a map. */
export const GO_STRUCT = Symbol('goStruct');
export function goStruct<T extends object>(o: T): T {
  Object.defineProperty(o, GO_STRUCT, { value: true, enumerable: false });
  return o;
}
export function isGoStruct(o: unknown): boolean {
  return typeof o === 'object' && o !== null && (o as Record<symbol, unknown>)[GO_STRUCT] === true;
}

/**
 * Marks an empty slice or map that is nil in Go: it prints as `[]` or `map[]`
 * with %v, like any empty one, but encodes to JSON as `null`.
 */
export const GO_NIL = Symbol('goNil');
export function goNil(kind: 'slice' | 'map'): unknown[] | Record<string, unknown> {
  const v = kind === 'slice' ? [] : {};
  Object.defineProperty(v, GO_NIL, { value: true, enumerable: false });
  return v;
}
export function isGoNil(o: unknown): boolean {
  return typeof o === 'object' && o !== null && (o as Record<symbol, unknown>)[GO_NIL] === true;
}

/**
 * Marks the fields of a struct that are `json:",omitempty"`: json encodes them
 * only when they are not empty, while templates still read them.
 */
export const OMIT_EMPTY = Symbol('omitEmpty');
export function omitEmpty(o: object, keys: string[]): void {
  Object.defineProperty(o, OMIT_EMPTY, { value: new Set(keys), enumerable: false, configurable: true });
}

/** Recursively turns the numbers of decoded JSON into float64s, as Go's interface{} decoding does. */
export function jsonToGo(v: unknown): unknown {
  if (typeof v === 'number') return new F64(v);
  if (Array.isArray(v)) return v.map(jsonToGo);
  if (v && typeof v === 'object' && !(v instanceof F64)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = jsonToGo(x);
    return o;
  }
  return v;
}

function splitExp(s: string): { digits: string; exp: number } {
  const [m, e] = s.split('e');
  return { digits: m.replace('.', '').replace(/^-/, ''), exp: Number(e) };
}

/** strconv.FormatFloat(v, 'g', prec, 64); prec -1 is the shortest form. */
export function formatFloatG(v: number, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  if (a === 0) return neg ? '-0' : '0';
  const shortest = prec < 0;
  let { digits, exp } = splitExp(shortest ? a.toExponential() : a.toExponential(Math.max(prec, 1) - 1));
  digits = digits.replace(/0+$/, '') || '0';
  const nd = digits.length;
  const dp = exp + 1;
  let eprec = shortest ? 6 : prec;
  if (!shortest && eprec > nd && nd >= dp) eprec = nd;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    out = `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (dp <= 0) {
    out = `0.${'0'.repeat(-dp)}${digits}`;
  } else if (dp >= nd) {
    out = digits + '0'.repeat(dp - nd);
  } else {
    out = `${digits.slice(0, dp)}.${digits.slice(dp)}`;
  }
  return (neg ? '-' : '') + out;
}

/** strconv.Quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof F64) && !(v instanceof Uint8Array);
}

/** The Go type name fmt shows in %!verb(type=value). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (v instanceof F64) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isGoStruct(v)) return 'struct';
  return 'map[string]interface {}';
}

/** fmt's %v. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloatG(v, -1);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof F64) return formatFloatG(v.v, -1);
  if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
  if (Array.isArray(v)) return '[' + v.map(formatValue).join(' ') + ']';
  if (typeof v === 'function') return '0x0';
  if (isGoStruct(v)) return '{' + Object.values(v as object).map(formatValue).join(' ') + '}';
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return 'map[' + keys.map((k) => `${k}:${formatValue(v[k])}`).join(' ') + ']';
  }
  return String(v);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln */
export function sprintln(args: unknown[]): string {
  return args.map(formatValue).join(' ') + '\n';
}

interface Spec { minus: boolean; plus: boolean; zero: boolean; space: boolean; sharp: boolean; width?: number; prec?: number }

function pad(s: string, sp: Spec, numeric = false): string {
  if (sp.width === undefined || s.length >= sp.width) return s;
  const n = sp.width - [...s].length;
  if (n <= 0) return s;
  if (sp.minus) return s + ' '.repeat(n);
  if (sp.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof F64) return v.v;
  return undefined;
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function formatOne(verb: string, sp: Spec, v: unknown): string {
  const isInt = typeof v === 'number' && Number.isInteger(v);
  switch (verb) {
    case 'v': {
      if (v instanceof F64 || (typeof v === 'number' && !isInt)) return formatOne('g', sp, v);
      if (isInt) return formatOne('d', sp, v);
      let s = formatValue(v);
      if (sp.prec !== undefined && typeof v === 'string') s = [...s].slice(0, sp.prec).join('');
      return pad(s, sp);
    }
    case 's': {
      if (typeof v === 'string') return pad(sp.prec !== undefined ? [...v].slice(0, sp.prec).join('') : v, sp);
      if (Array.isArray(v) || isMap(v)) return pad(formatValue(v), sp);
      if (typeof v === 'boolean' || v === null || v === undefined || typeof v === 'number' || v instanceof F64) return badVerb(verb, v);
      return pad(formatValue(v), sp);
    }
    case 'q':
      if (typeof v === 'string') return pad(goQuote(v), sp);
      if (isInt) return pad(`'${String.fromCodePoint(v as number)}'`, sp);
      return badVerb(verb, v);
    case 'd': {
      if (!isInt) return badVerb(verb, v);
      let s = String(Math.abs(v as number));
      if (sp.prec !== undefined) s = s.padStart(sp.prec, '0');
      s = ((v as number) < 0 ? '-' : sp.plus ? '+' : sp.space ? ' ' : '') + s;
      return pad(s, sp, sp.prec === undefined);
    }
    case 'x': case 'X': case 'o': case 'b': {
      if (typeof v === 'string') {
        const hex = Array.from(new TextEncoder().encode(v)).map((b) => b.toString(16).padStart(2, '0')).join('');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, sp);
      }
      if (!isInt) return badVerb(verb, v);
      const base = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      let s = Math.abs(v as number).toString(base);
      if (verb === 'X') s = s.toUpperCase();
      if (sp.sharp && base === 16) s = (verb === 'X' ? '0X' : '0x') + s;
      return pad(((v as number) < 0 ? '-' : '') + s, sp, true);
    }
    case 'U': return isInt ? pad('U+' + (v as number).toString(16).toUpperCase().padStart(4, '0'), sp) : badVerb(verb, v);
    case 'c': return isInt ? pad(String.fromCodePoint(v as number), sp) : badVerb(verb, v);
    case 't': return typeof v === 'boolean' ? pad(String(v), sp) : badVerb(verb, v);
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
      const n = asNumber(v);
      if (n === undefined || isInt) return badVerb(verb, v);
      let s: string;
      if (verb === 'f' || verb === 'F') s = Math.abs(n).toFixed(sp.prec ?? 6);
      else if (verb === 'e' || verb === 'E') {
        const t = Math.abs(n).toExponential(sp.prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        s = verb === 'E' ? t.toUpperCase() : t;
      } else s = formatFloatG(Math.abs(n), sp.prec ?? -1);
      s = (n < 0 ? '-' : sp.plus ? '+' : sp.space ? ' ' : '') + s;
      return pad(s, sp, true);
    }
    default:
      return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
  }
}

/** fmt.Sprintf with Go's verbs and flags. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') { out += ch; continue; }
    i++;
    if (format[i] === '%') { out += '%'; continue; }
    const sp: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') sp.minus = true; else if (f === '+') sp.plus = true;
      else if (f === '0') sp.zero = !sp.minus; else if (f === ' ') sp.space = true;
      else if (f === '#') sp.sharp = true; else break;
    }
    const num = () => {
      if (format[i] === '*') { i++; const n = args[ai++]; return typeof n === 'number' ? n : 0; }
      let s = '';
      while (i < format.length && /\d/.test(format[i])) s += format[i++];
      return s ? Number(s) : undefined;
    };
    sp.width = num();
    if (format[i] === '.') { i++; sp.prec = num() ?? 0; }
    const verb = format[i];
    if (verb === undefined) { out += '%!(NOVERB)'; break; }
    if (ai >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    out += formatOne(verb, sp, args[ai++]);
  }
  if (ai < args.length) {
    out += '%!(EXTRA ' + args.slice(ai).map((a) => `${goTypeName(a)}=${formatValue(a)}`).join(', ') + ')';
  }
  return out;
}
