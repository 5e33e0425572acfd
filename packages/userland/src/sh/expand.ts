// Word expansion (POSIX XCU 2.6): tilde, parameters, command substitution,
// arithmetic, then field splitting on IFS, pathname expansion and quote
// removal. Parts keep their quoting, so each step knows what it may touch.

import type { Word, Part } from './ast.ts';
import { evalArith, ArithError } from './arith.ts';
import { glob, hasGlob, fnmatch } from '../libc/fnmatch.ts';
import type { PatternPiece } from '../libc/fnmatch.ts';
import type { Shell } from './shell.ts';
import { ShellError } from './errors.ts';

/** A piece of expanded text: q = came from quotes (literal), split = subject to field splitting. */
interface Seg { s: string; q: boolean; split: boolean; brk?: boolean }

const BRK: Seg = { s: '', q: false, split: false, brk: true };

async function segments(sh: Shell, word: Word, out: Seg[], inQuotes = false): Promise<void> {
  for (const p of word) await part(sh, p, out, inQuotes);
}

async function part(sh: Shell, p: Part, out: Seg[], inQuotes: boolean): Promise<void> {
  switch (p.t) {
    case 'lit': out.push({ s: p.s, q: p.q || inQuotes, split: false }); return;
    case 'tilde': {
      let home: string | undefined;
      if (p.user === '') home = sh.getVar('HOME');
      else home = (await sh.userHome(p.user));
      out.push({ s: home ?? `~${p.user}`, q: true, split: false });
      return;
    }
    case 'cmd': {
      const s = await sh.captureOutput(p.body);
      out.push({ s, q: p.q || inQuotes, split: !(p.q || inQuotes) });
      return;
    }
    case 'arith': {
      const src = await expandString(sh, p.expr);
      let v: string;
      try {
        v = evalArith(src, { get: (n) => sh.getVar(n), set: (n, val) => sh.setVar(n, val) });
      } catch (e) {
        if (e instanceof ArithError) throw new ShellError(sh.arithMessage(e.message, src), 2);
        throw e;
      }
      out.push({ s: v, q: p.q || inQuotes, split: !(p.q || inQuotes) });
      return;
    }
    case 'param': return param(sh, p, out, p.q || inQuotes);
  }
}

async function param(sh: Shell, p: Extract<Part, { t: 'param' }>, out: Seg[], q: boolean): Promise<void> {
  const { name, op } = p;
  if ((name === '@' || name === '*') && (op === '' )) {
    const args = sh.positional;
    if (name === '@' || !q) {
      args.forEach((a, i) => { if (i > 0) out.push(BRK); out.push({ s: a, q, split: !q }); });
      return;
    }
    const sep = sh.ifs().charAt(0);
    out.push({ s: args.join(sep), q: true, split: false });
    return;
  }
  const val = sh.param(name);
  if (op === 'len') {
    if (name === '@' || name === '*') { out.push({ s: String(sh.positional.length), q, split: !q }); return; }
    if (val === undefined) sh.checkUnset(name);
    out.push({ s: String([...(val ?? '')].length), q, split: !q });
    return;
  }
  if (op === '') {
    if (val === undefined) sh.checkUnset(name);
    out.push({ s: val ?? '', q, split: !q });
    return;
  }
  const colon = op.startsWith(':') && op.length === 2;
  const kind = colon ? op[1]! : op;
  const unset = val === undefined || (colon && val === '');
  switch (kind) {
    case '-':
      if (unset) await segments(sh, p.arg ?? [], out, q);
      else out.push({ s: val!, q, split: !q });
      return;
    case '+':
      if (!unset) await segments(sh, p.arg ?? [], out, q);
      return;
    case '=': {
      if (unset) {
        const v = await expandString(sh, p.arg ?? []);
        if (/^[0-9@*#?$!-]/.test(name)) throw new ShellError(`${name}: bad variable name`, 2);
        sh.setVar(name, v);
        out.push({ s: v, q, split: !q });
      } else out.push({ s: val!, q, split: !q });
      return;
    }
    case '?': {
      if (unset) {
        const m = await expandString(sh, p.arg ?? []);
        throw new ShellError(`${name}: ${m || (colon ? 'parameter not set or null' : 'parameter not set')}`, 2, true);
      }
      out.push({ s: val!, q, split: !q });
      return;
    }
  }
  const v = val ?? '';
  if (val === undefined) sh.checkUnset(name);
  if (op === '#' || op === '##' || op === '%' || op === '%%') {
    const pat = await expandPattern(sh, p.arg ?? []);
    out.push({ s: trim(v, pat, op), q, split: !q });
    return;
  }
  if (op === '/' || op === '//') {
    // bash ${x/pat/rep}: the arg holds "pat/rep"
    const raw = await expandPattern(sh, p.arg ?? []);
    const joined = raw.map((x) => x.s).join('');
    const slash = joined.indexOf('/');
    const patText = slash >= 0 ? joined.slice(0, slash) : joined;
    const rep = slash >= 0 ? joined.slice(slash + 1) : '';
    out.push({ s: replace(v, [{ s: patText, q: false }], rep, op === '//'), q, split: !q });
    return;
  }
  if (op === '^^' || op === '^' || op === ',,' || op === ',') {
    const up = op[0] === '^';
    const conv = (c: string): string => (up ? c.toUpperCase() : c.toLowerCase());
    out.push({ s: op.length === 2 ? conv(v) : conv(v.slice(0, 1)) + v.slice(1), q, split: !q });
    return;
  }
  if (op === ':') {
    const spec = await expandString(sh, p.arg ?? []);
    const [o, l] = spec.split(':');
    const chars = [...v];
    let off = Number(evalArith(o ?? '0', { get: (n) => sh.getVar(n), set: () => {} }));
    if (off < 0) off = Math.max(0, chars.length + off);
    let end = chars.length;
    if (l !== undefined) {
      const len = Number(evalArith(l, { get: (n) => sh.getVar(n), set: () => {} }));
      end = len < 0 ? chars.length + len : off + len;
    }
    out.push({ s: chars.slice(off, Math.max(off, end)).join(''), q, split: !q });
  }
}

function trim(v: string, pat: PatternPiece[], op: string): string {
  const n = v.length;
  if (op === '#') { for (let i = 0; i <= n; i++) if (fnmatch(pat, v.slice(0, i))) return v.slice(i); }
  else if (op === '##') { for (let i = n; i >= 0; i--) if (fnmatch(pat, v.slice(0, i))) return v.slice(i); }
  else if (op === '%') { for (let i = n; i >= 0; i--) if (fnmatch(pat, v.slice(i))) return v.slice(0, i); }
  else { for (let i = 0; i <= n; i++) if (fnmatch(pat, v.slice(i))) return v.slice(0, i); }
  return v;
}

function replace(v: string, pat: PatternPiece[], rep: string, all: boolean): string {
  let out = '';
  let i = 0;
  while (i <= v.length) {
    let matched = -1;
    for (let j = v.length; j > i; j--) if (fnmatch(pat, v.slice(i, j))) { matched = j; break; }
    if (matched > 0) {
      out += rep;
      i = matched;
      if (!all) return out + v.slice(i);
      continue;
    }
    if (i < v.length) out += v[i];
    i++;
  }
  return out;
}

/** Expansion without splitting or globbing (assignments, redirection targets, case words, here-docs). */
export async function expandString(sh: Shell, word: Word): Promise<string> {
  if (word.length === 1 && word[0]!.t === 'lit') return word[0]!.s;
  const segs: Seg[] = [];
  await segments(sh, word, segs);
  let s = '';
  for (const g of segs) s += g.brk ? ' ' : g.s;
  return s;
}

/** Expansion to a pattern (case items, ${x#pat}): quoted parts match literally. */
export async function expandPattern(sh: Shell, word: Word): Promise<PatternPiece[]> {
  const segs: Seg[] = [];
  await segments(sh, word, segs);
  return segs.filter((g) => !g.brk).map((g) => ({ s: g.s, q: g.q }));
}

/** Full expansion of command words to fields. */
export async function expandWords(sh: Shell, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  const ifs = sh.ifs();
  for (const w of words) {
    // fast path: a single literal
    if (w.length === 1 && w[0]!.t === 'lit') {
      const p = w[0]!;
      if (p.q || !/[*?[]/.test(p.s) || sh.opts.f) { out.push(p.s); continue; }
    }
    const segs: Seg[] = [];
    await segments(sh, w, segs);
    for (const f of split(segs, ifs)) {
      if (!sh.opts.f && hasGlob(f)) {
        const m = glob(sh.sys, f);
        if (m.length) { out.push(...m); continue; }
      }
      out.push(f.map((x) => x.s).join(''));
    }
  }
  return out;
}

function split(segs: Seg[], ifs: string): PatternPiece[][] {
  const fields: PatternPiece[][] = [];
  let cur: PatternPiece[] = [];
  let keep = false; // the current field exists even if empty (quoted part seen)
  const ws = ifs.replace(/[^ \t\n]/g, '');
  const nonws = ifs.replace(/[ \t\n]/g, '');
  const end = (): void => { if (cur.length || keep) fields.push(cur); cur = []; keep = false; };
  for (const g of segs) {
    if (g.brk) { end(); keep = true; continue; }
    if (!g.split || ifs === '') {
      if (g.q) keep = true;
      if (g.s) cur.push({ s: g.s, q: g.q });
      continue;
    }
    let buf = '';
    let i = 0;
    const s = g.s;
    while (i < s.length) {
      const c = s[i]!;
      if (ws.includes(c) || nonws.includes(c)) {
        if (buf) { cur.push({ s: buf, q: false }); buf = ''; }
        // a run of IFS whitespace, optionally with one non-whitespace delimiter
        let j = i;
        while (j < s.length && ws.includes(s[j]!)) j++;
        let hard = false;
        if (j < s.length && nonws.includes(s[j]!)) { hard = true; j++; while (j < s.length && ws.includes(s[j]!)) j++; }
        if (cur.length || keep || hard) { fields.push(cur); cur = []; keep = false; }
        i = j;
        continue;
      }
      buf += c;
      i++;
    }
    if (buf) cur.push({ s: buf, q: false });
  }
  if (keep || cur.length) fields.push(cur);
  // a field made of quoted empty strings only is kept as ""
  return fields;
}

/** Parameter-expansion-only text of a prompt string or here-doc body. */
export { segments as _segments };
