// A flag set with pflag's (github.com/spf13/pflag) parsing rules: long and
// short forms, "--flag=value", grouped shorthands ("-it"), "--" ending flags,
// optional interspersed arguments, and pflag's exact error messages.

import { applyValue, typeNameOf, zeroOf, type FlagSpec, type FlagSpecs } from './types.ts';

export class FlagError extends Error {}

/** Parsed flag values, looked up by long name. */
export class Opts {
  /** Values set or read so far; the others are still their zero value (`docker run` has ~100 flags). */
  private readonly _values = new Map<string, unknown>();
  readonly changed = new Set<string>();
  constructor(readonly specs: FlagSpecs) {}
  get<T = unknown>(name: string): T {
    if (!(name in this.specs)) throw new Error(`flag accessed but not defined: ${name}`);
    return this._value(name) as T;
  }
  private _value(name: string): unknown {
    const m = this._values;
    if (m.has(name)) return m.get(name);
    const v = Object.hasOwn(this.specs, name) ? zeroOf(this.specs[name]) : undefined;
    m.set(name, v);
    return v;
  }
  bool(name: string): boolean { return this.get<boolean>(name); }
  str(name: string): string { return this.get<string>(name); }
  num(name: string): number { return this.get<number>(name); }
  list(name: string): string[] { return this.get<string[]>(name); }
  map(name: string): Record<string, string> { return this.get<Record<string, string>>(name); }
  isSet(name: string): boolean { return this.changed.has(name); }
  /** Sets a value as if given on the command line (FlagSet.Set). */
  set(name: string, raw: string): void {
    const spec = this.specs[name];
    try {
      this._values.set(name, applyValue(spec, this._value(name), raw));
    } catch (e) {
      const label = spec.short && !spec.shorthandDeprecated ? `-${spec.short}, --${name}` : `--${name}`;
      throw new FlagError(`invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(label)} flag: ${(e as Error).message}`);
    }
    this.changed.add(name);
  }
}

export interface ParseResult {
  opts: Opts;
  args: string[];
  /** Index in args where "--" was, or -1. */
  argsLenAtDash: number;
  /** Lines pflag prints while parsing (deprecated shorthands). */
  notices: string[];
}

/** Parses argv against specs; throws FlagError with pflag's message. */
export function parseFlags(specs: FlagSpecs, argv: string[], interspersed = true): ParseResult {
  const opts = new Opts(specs);
  const byShort = shorthands(specs);
  const args: string[] = [];
  const notices: string[] = [];
  let argsLenAtDash = -1;
  let rest = [...argv];
  while (rest.length) {
    const s = rest.shift()!;
    if (s.length < 2 || s[0] !== '-') {
      if (!interspersed) { args.push(s, ...rest); break; }
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) { argsLenAtDash = args.length; args.push(...rest); break; }
      const body = s.slice(2);
      if (body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = specs[name];
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (noOpt(spec) !== undefined) value = noOpt(spec)!;
      else if (rest.length) value = rest.shift()!;
      else throw new FlagError(`flag needs an argument: ${s}`);
      if (spec.deprecated) notices.push(`Flag --${name} has been deprecated, ${spec.deprecated}`);
      opts.set(name, value);
    } else {
      let shorts = s.slice(1);
      const origRest = rest;
      while (shorts.length) {
        const c = shorts[0];
        const name = byShort.get(c);
        if (!name) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
        const spec = specs[name];
        let value: string;
        let next = shorts.slice(1);
        if (shorts.length > 2 && shorts[1] === '=') { value = shorts.slice(2); next = ''; }
        else if (noOpt(spec) !== undefined) value = noOpt(spec)!;
        else if (shorts.length > 1) { value = shorts.slice(1); next = ''; }
        else if (origRest.length) { value = origRest[0]; rest = origRest.slice(1); }
        else throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
        if (spec.shorthandDeprecated) notices.push(`Flag shorthand -${c} has been deprecated, ${spec.shorthandDeprecated}`);
        opts.set(name, value);
        shorts = next;
      }
    }
  }
  return { opts, args, argsLenAtDash, notices };
}

const shortIndex = new WeakMap<FlagSpecs, Map<string, string>>();
/** Shorthand letter -> long name, built once per flag set. */
function shorthands(specs: FlagSpecs): Map<string, string> {
  let m = shortIndex.get(specs);
  if (!m) {
    m = new Map();
    for (const [name, s] of Object.entries(specs)) if (s.short) m.set(s.short, name);
    shortIndex.set(specs, m);
  }
  return m;
}

function noOpt(spec: FlagSpec): string | undefined {
  if (spec.noOptDefVal !== undefined) return spec.noOptDefVal;
  return spec.type === 'bool' ? 'true' : undefined;
}

// --- usage (pflag's FlagUsagesWrapped) ---

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.split('\n').join('\n' + ' '.repeat(i));
  let width = w - i;
  let r = '';
  if (width < 24) { i = 16; width = w - i; r += '\n' + ' '.repeat(i); }
  if (width < 24) return s.split('\n').join(r);
  const slop = 5;
  width -= slop;
  let l: string;
  [l, s] = wrapN(width, slop, s);
  r += l.split('\n').join('\n' + ' '.repeat(i));
  while (s !== '') {
    let t: string;
    [t, s] = wrapN(width, slop, s);
    r += '\n' + ' '.repeat(i) + t.split('\n').join('\n' + ' '.repeat(i));
  }
  return r;
}

/** The "Options:" block of `--help`, wrapped at cols like pflag does (sorted by name). */
export function flagUsagesWrapped(specs: FlagSpecs, cols: number): string {
  const lines: string[] = [];
  let maxlen = 0;
  for (const name of Object.keys(specs).sort()) {
    const f = specs[name];
    if (f.hidden) continue;
    let line = f.short && !f.shorthandDeprecated ? `  -${f.short}, --${name}` : `      --${name}`;
    let usage = f.usage;
    let varname = typeNameOf(f);
    const bq = /`([^`]*)`/.exec(usage);
    if (bq) { varname = bq[1]; usage = usage.replace(bq[0], bq[1]); }
    if (varname) line += ' ' + varname;
    if (f.noOptDefVal !== undefined && !(f.type === 'bool' && f.noOptDefVal === 'true')) {
      line += f.type === 'string' ? `[="${f.noOptDefVal}"]` : `[=${f.noOptDefVal}]`;
    }
    line += '\x00';
    maxlen = Math.max(maxlen, line.length);
    line += usage;
    if (f.defValue !== undefined) line += f.type === 'string' ? ` (default ${JSON.stringify(f.defValue)})` : ` (default ${f.defValue})`;
    if (f.deprecated) line += ` (DEPRECATED: ${f.deprecated})`;
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\x00');
    out += line.slice(0, sidx) + ' ' + ' '.repeat(maxlen - sidx) + ' ' + wrap(maxlen + 2, cols, line.slice(sidx + 1)) + '\n';
  }
  return out;
}
