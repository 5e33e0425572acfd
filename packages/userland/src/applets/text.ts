// Text filters: head, tail, wc, grep, sort, uniq, cut, tr, tee, more/less.

import { isSysError, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, S_IFMT, S_IFDIR, SEEK_SET, EISDIR } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, text, concat } from '../libc/io.ts';
import { compile } from '../libc/regex.ts';
import { missing } from './basic.ts';
import { joinPath } from '../libc/path.ts';
import { errnoOf } from '../libc/errors.ts';

/** Opens each operand ("-" is stdin) and hands its content; reports open errors in the flavour's words. */
async function eachInput(a: App, files: string[], fn: (data: Uint8Array, name: string) => Promise<void> | void, openMsg?: (f: string) => string): Promise<number> {
  let st = 0;
  for (const f of files.length ? files : ['-']) {
    let fd = 0;
    if (f !== '-') {
      try { fd = a.sys.open(f, O_RDONLY); } catch (e) {
        st = 1;
        await a.perror(openMsg ? openMsg(f) : a.gnu ? `cannot open ${a.q(f)} for reading` : `can't open '${f}'`, e);
        continue;
      }
    }
    let data: Uint8Array;
    try { data = await readAll(a.sys, fd); } catch (e) {
      st = 1;
      if (errnoOf(e) === EISDIR) await a.error(a.gnu ? `error reading ${a.q(f)}: Is a directory` : `read error: Is a directory`);
      else await a.perror(f, e);
      continue;
    } finally { if (fd) a.sys.close(fd); }
    await fn(data, f);
  }
  return st;
}

function splitLines(s: string): string[] {
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function countArg(v: string | true | undefined, def: number): { n: number; fromStart: boolean } | null {
  if (v === undefined || v === true) return { n: def, fromStart: false };
  const m = /^([-+]?)(\d+)([kKmMbB]?)$/.exec(v);
  if (!m) return null;
  const mult = { '': 1, k: 1024, K: 1024, m: 1048576, M: 1048576, b: 512, B: 512 }[m[3]!] ?? 1;
  return { n: Number(m[2]) * mult, fromStart: m[1] === '+' };
}

function numericShortcut(args: string[]): string[] {
  return args.map((x) => (/^-\d+$/.test(x) ? `-n${x.slice(1)}` : x));
}

export const head: Applet = async (a) => {
  (a.args as string[]).splice(0, a.args.length, ...numericShortcut(a.args));
  const { o, rest } = await a.opts({ short: 'n:c:qv', long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q' }, silent: { key: 'q' } } }, '[OPTIONS] [FILE]...');
  const byBytes = o.has('c');
  const c = countArg(o.get(byBytes ? 'c' : 'n'), 10);
  if (!c) { await a.error(a.gnu ? `invalid number of ${byBytes ? 'bytes' : 'lines'}: ${a.q(String(o.get(byBytes ? 'c' : 'n')))}` : `invalid number '${o.get(byBytes ? 'c' : 'n')}'`); return 1; }
  const neg = String(o.get(byBytes ? 'c' : 'n') ?? '').startsWith('-');
  const multi = rest.length > 1 && !o.has('q') || o.has('v');
  let first = true;
  let st = 0;
  for (const f of rest.length ? rest : ['-']) {
    let fd = 0;
    if (f !== '-') {
      try { fd = a.sys.open(f, O_RDONLY); } catch (e) { st = 1; await a.perror(a.gnu ? `cannot open ${a.q(f)} for reading` : `can't open '${f}'`, e); continue; }
    }
    try {
      if (multi) { await a.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`); first = false; }
      if (neg) {
        // all but the last N: needs the whole input
        const data = await readAll(a.sys, fd);
        if (byBytes) { await a.out.writeBytes(data.subarray(0, Math.max(0, data.length - c.n))); continue; }
        const s = text(data);
        const lines = s.split('\n');
        const hasTrail = s.endsWith('\n');
        if (hasTrail) lines.pop();
        const take = lines.slice(0, Math.max(0, lines.length - c.n));
        await a.write(take.map((l) => l + '\n').join(''));
        continue;
      }
      // stream: stop reading as soon as N lines (or bytes) are out, as head does
      let left = c.n;
      while (left > 0) {
        const b = await a.sys.read(fd, 65536);
        if (b.length === 0) break;
        if (byBytes) { const part = b.subarray(0, left); left -= part.length; await a.out.writeBytes(part); continue; }
        let end = 0;
        while (end < b.length && left > 0) { if (b[end] === 10) left--; end++; }
        await a.out.writeBytes(b.subarray(0, end));
      }
    } catch (e) {
      st = 1;
      await a.perror(a.gnu ? `error reading ${a.q(f)}` : 'read error', e);
    } finally { if (fd) a.sys.close(fd); }
  }
  return st;
};

export const tail: Applet = async (a) => {
  (a.args as string[]).splice(0, a.args.length, ...numericShortcut(a.args).map((x) => (/^\+\d+$/.test(x) ? `-n${x}` : x)));
  const { o, rest } = await a.opts({ short: 'n:c:fFqvs:', long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, follow: { key: 'f', arg: 'optional' } } }, '[OPTIONS] [FILE]...');
  const byBytes = o.has('c');
  const c = countArg(o.get(byBytes ? 'c' : 'n'), 10);
  if (!c) { await a.error(a.gnu ? `invalid number of ${byBytes ? 'bytes' : 'lines'}: ${a.q(String(o.get(byBytes ? 'c' : 'n')))}` : `invalid number '${o.get(byBytes ? 'c' : 'n')}'`); return 1; }
  const multi = rest.length > 1 && !o.has('q') || o.has('v');
  let first = true;
  const sizes = new Map<string, number>();
  const st = await eachInput(a, rest, async (data, name) => {
    sizes.set(name, data.length);
    if (multi) { await a.write(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`); first = false; }
    if (byBytes) { await a.out.writeBytes(c.fromStart ? data.subarray(Math.max(0, c.n - 1)) : data.subarray(Math.max(0, data.length - c.n))); return; }
    const s = text(data);
    const lines = s.split('\n');
    const hasTrail = s.endsWith('\n');
    if (hasTrail) lines.pop();
    const take = c.fromStart ? lines.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : lines.slice(-c.n);
    await a.write(take.join('\n') + (take.length && hasTrail ? '\n' : take.length ? '' : ''));
  }, a.gnu ? (f) => `cannot open ${a.q(f)} for reading` : undefined);
  if (!o.has('f') && !o.has('F')) return st;
  await a.out.flush();
  // follow: poll the files for growth on the virtual clock
  const files = rest.filter((f) => f !== '-');
  if (files.length === 0) {
    for (;;) { const b = await a.sys.read(0); if (b.length === 0) { await a.sys.sleep(1000); continue; } await a.sys.write(1, b); }
  }
  let last = files[files.length - 1];
  for (;;) {
    await a.sys.sleep(1000);
    for (const f of files) {
      let size: number;
      try { size = a.sys.stat(f).size; } catch (e) { errnoOf(e); continue; }
      const old = sizes.get(f) ?? 0;
      if (size < old) { await a.error(a.gnu ? `${f}: file truncated` : `${f}: file truncated`); sizes.set(f, 0); }
      if (size <= (sizes.get(f) ?? 0)) continue;
      const fd = a.sys.open(f, O_RDONLY);
      try {
        a.sys.lseek(fd, sizes.get(f) ?? 0, SEEK_SET);
        const b = await readAll(a.sys, fd);
        if (multi && last !== f) { await a.sys.write(1, `\n==> ${f} <==\n`); last = f; }
        await a.sys.write(1, b);
        sizes.set(f, (sizes.get(f) ?? 0) + b.length);
      } finally { a.sys.close(fd); }
    }
  }
};

export const wc: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'lwcmL', long: { lines: { key: 'l' }, words: { key: 'w' }, bytes: { key: 'c' }, chars: { key: 'm' } } }, '[-cmlwL] [FILE]...');
  const all = !o.has('l') && !o.has('w') && !o.has('c') && !o.has('m') && !o.has('L');
  const rows: Array<[number[], string]> = [];
  const tot = [0, 0, 0, 0];
  const st = await eachInput(a, rest, (data, name) => {
    const s = text(data);
    const lines = (s.match(/\n/g) ?? []).length;
    const words = (s.match(/\S+/g) ?? []).length;
    const chars = [...s].length;
    const maxl = s.split('\n').reduce((m, l) => Math.max(m, l.length), 0);
    const v = [lines, words, o.has('m') ? chars : data.length, maxl];
    v.forEach((x, i) => { tot[i]! += x; });
    rows.push([v, name === '-' && rest.length === 0 ? '' : name]);
  }, (f) => (a.gnu ? f : `can't open '${f}'`));
  if (rows.length > 1) rows.push([tot, 'total']);
  const pick = (v: number[]): number[] => [
    ...(all || o.has('l') ? [v[0]!] : []), ...(all || o.has('w') ? [v[1]!] : []),
    ...(all || o.has('c') || o.has('m') ? [v[2]!] : []), ...(o.has('L') ? [v[3]!] : []),
  ];
  let width: number;
  if (a.gnu) {
    const single = pick(rows[0]?.[0] ?? [0]).length === 1 && rows.length === 1;
    width = single ? 1 : Math.max(...rows.flatMap(([v]) => pick(v).map((x) => String(x).length)), rest.length === 0 ? 7 : 1);
  } else width = pick(rows[0]?.[0] ?? [0]).length === 1 && rows.length === 1 ? 0 : 7;
  let out = '';
  for (const [v, name] of rows) {
    const nums = pick(v).map((x) => String(x).padStart(width)).join(a.gnu ? ' ' : ' ');
    out += nums + (name ? ` ${name}` : '') + '\n';
  }
  await a.write(out);
  return st;
};

export const grep: Applet = async (a) => {
  if (a.name === 'egrep') (a.args as string[]).unshift('-E');
  if (a.name === 'fgrep') (a.args as string[]).unshift('-F');
  const { o, list, rest } = await a.opts({
    short: 'ivcnqsEFGrRlLohHwxe:f:m:A:B:C:z',
    long: { 'ignore-case': { key: 'i' }, 'invert-match': { key: 'v' }, count: { key: 'c' }, 'line-number': { key: 'n' }, quiet: { key: 'q' }, silent: { key: 'q' }, 'extended-regexp': { key: 'E' }, 'fixed-strings': { key: 'F' }, recursive: { key: 'r' }, 'files-with-matches': { key: 'l' }, 'only-matching': { key: 'o' }, regexp: { key: 'e', arg: 'required' }, color: { key: 'color', arg: 'optional' }, 'word-regexp': { key: 'w' }, 'line-regexp': { key: 'x' }, 'no-filename': { key: 'h' }, 'with-filename': { key: 'H' }, include: { key: 'include', arg: 'required' } },
  }, '[-HhnlLoqvsrRiwFExz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...', 2);
  const pats = list.filter(([k]) => k === 'e').map(([, v]) => v!);
  const files = rest.slice();
  if (pats.length === 0) {
    if (files.length === 0) return missing(a, '[-HhnlLoqvsrRiwFExz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...').then(() => 2);
    pats.push(files.shift()!);
  }
  let res: RegExp[];
  try {
    res = pats.flatMap((p) => p.split('\n')).map((p) => compile(p, { extended: o.has('E'), fixed: o.has('F'), icase: o.has('i'), word: o.has('w'), line: o.has('x'), global: o.has('o') }));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    await a.error(a.gnu ? 'Unmatched [, [^, [:, [., or [=' : 'bad regex');
    return 2;
  }
  const recursive = o.has('r') || o.has('R');
  if (recursive && files.length === 0) files.push('.');
  const expanded: string[] = [];
  let st = 0;
  const walk = (p: string): void => {
    let isDir = false;
    try { isDir = (a.sys.stat(p).mode & S_IFMT) === S_IFDIR; } catch (e) { errnoOf(e); expanded.push(p); return; }
    if (!isDir) { expanded.push(p); return; }
    for (const d of a.sys.readdir(p).sort((x, y) => (x.name < y.name ? -1 : 1))) walk(joinPath(p, d.name));
  };
  if (recursive) for (const f of files) walk(f); else expanded.push(...files);
  const withName = !o.has('h') && (o.has('H') || expanded.length > 1 || recursive);
  const maxCount = o.has('m') ? Number(o.get('m')) : Infinity;
  let matchedAny = false;
  let out = '';
  const err = await eachInput(a, expanded, async (data, name) => {
    const label = name === '-' ? '(standard input)' : name;
    const lines = splitLines(text(data));
    let count = 0;
    for (let i = 0; i < lines.length && count < maxCount; i++) {
      const line = lines[i]!;
      const hit = res.some((r) => { r.lastIndex = 0; return r.test(line); });
      if (hit === o.has('v')) continue;
      count++;
      matchedAny = true;
      if (o.has('q')) return;
      if (o.has('l') || o.has('c') || o.has('L')) continue;
      const prefix = `${withName ? label + ':' : ''}${o.has('n') ? `${i + 1}:` : ''}`;
      if (o.has('o') && !o.has('v')) {
        for (const r of res) { r.lastIndex = 0; for (const m of line.matchAll(r)) if (m[0]) out += prefix + m[0] + '\n'; }
      } else out += prefix + line + '\n';
      if (out.length > 8192) { await a.write(out); out = ''; }
    }
    if (o.has('c')) out += `${withName ? label + ':' : ''}${count}\n`;
    if (o.has('l') && count > 0) out += label + '\n';
    if (o.has('L') && count === 0) out += label + '\n';
  }, (f) => (a.gnu ? f : `${f}`));
  if (err && !o.has('s')) st = 2;
  await a.write(out);
  if (o.has('q') && matchedAny) return 0;
  return st === 2 && !matchedAny ? 2 : matchedAny ? 0 : 1;
};

export const sort: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'nrufbdk:t:o:shVcC', long: { 'numeric-sort': { key: 'n' }, reverse: { key: 'r' }, unique: { key: 'u' }, 'ignore-case': { key: 'f' }, key: { key: 'k', arg: 'required' }, 'field-separator': { key: 't', arg: 'required' }, output: { key: 'o', arg: 'required' }, 'human-numeric-sort': { key: 'h' }, 'version-sort': { key: 'V' } } }, '[-nrufbdhVcs] [-k KEYDEF] [-t CHAR] [-o FILE] [FILE]...', 2);
  const lines: string[] = [];
  const st = await eachInput(a, rest, (d) => { lines.push(...splitLines(text(d))); }, (f) => (a.gnu ? `cannot read: ${f}` : `can't open '${f}'`));
  if (st) return 2;
  const sep = typeof o.get('t') === 'string' ? (o.get('t') as string) : null;
  const keyDef = typeof o.get('k') === 'string' ? (o.get('k') as string) : null;
  let kStart = 0, kEnd = -1, kFlags = '';
  if (keyDef) {
    const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(keyDef);
    if (!m) { await a.error(a.gnu ? `invalid number at field start: invalid count at start of ${a.q(keyDef)}` : `bad field specification`); return 2; }
    kStart = Number(m[1]) - 1; kEnd = m[3] ? Number(m[3]) - 1 : -1; kFlags = (m[2] ?? '') + (m[4] ?? '');
  }
  const fields = (l: string): string[] => (sep !== null ? l.split(sep) : l.match(/\s*\S+/g) ?? ['']);
  const key = (l: string): string => {
    if (!keyDef) return l;
    const f = fields(l);
    const part = f.slice(kStart, kEnd < 0 ? undefined : kEnd + 1).join(sep ?? '');
    return sep === null ? part.replace(/^\s+/, '') : part;
  };
  const numeric = o.has('n') || kFlags.includes('n');
  const human = o.has('h') || kFlags.includes('h');
  const rev = o.has('r') || kFlags.includes('r');
  const fold = o.has('f') || kFlags.includes('f');
  const num = (s: string): number => { const m = /^\s*([-+]?\d*\.?\d+)([KMGTP]?)/.exec(s); if (!m) return 0; return Number(m[1]) * (human ? 1024 ** (' KMGTP'.indexOf(m[2] || ' ')) : 1); };
  const cmp = (x: string, y: string): number => {
    let kx = key(x), ky = key(y);
    let c = 0;
    if (numeric || human) c = num(kx) - num(ky);
    else {
      if (fold) { kx = kx.toUpperCase(); ky = ky.toUpperCase(); }
      c = kx < ky ? -1 : kx > ky ? 1 : 0;
    }
    if (c === 0 && !o.has('s') && !o.has('u')) c = x < y ? -1 : x > y ? 1 : 0;
    return rev ? -c : c;
  };
  if (o.has('c') || o.has('C')) {
    for (let i = 1; i < lines.length; i++) if (cmp(lines[i - 1]!, lines[i]!) > 0) {
      if (o.has('c')) await a.error(a.gnu ? `-:${i + 1}: disorder: ${lines[i]}` : `-:${i + 1}: disorder: ${lines[i]}`);
      return 1;
    }
    return 0;
  }
  let sorted = lines.slice().sort(cmp);
  if (o.has('u')) sorted = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1]!, l) !== 0 || (!keyDef && !numeric && !fold && sorted[i - 1] !== l));
  const out = sorted.map((l) => l + '\n').join('');
  if (typeof o.get('o') === 'string') {
    const fd = a.sys.open(o.get('o') as string, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    try { await a.sys.write(fd, out); } finally { a.sys.close(fd); }
    return 0;
  }
  await a.write(out);
  return 0;
};

export const uniq: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'cduif:s:w:', long: { count: { key: 'c' }, repeated: { key: 'd' }, unique: { key: 'u' }, 'ignore-case': { key: 'i' } } }, '[-cdui] [-f,s,w N] [INPUT [OUTPUT]]');
  const lines: string[] = [];
  const st = await eachInput(a, rest.slice(0, 1), (d) => { lines.push(...splitLines(text(d))); }, (f) => (a.gnu ? f : `can't open '${f}'`));
  if (st) return 1;
  const skipF = Number(o.get('f') ?? 0) || 0, skipC = Number(o.get('s') ?? 0) || 0;
  const norm = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^\s*\S+/, '');
    s = s.slice(skipC);
    if (o.has('w')) s = s.slice(0, Number(o.get('w')));
    return o.has('i') ? s.toLowerCase() : s;
  };
  let out = '';
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && norm(lines[j]!) === norm(lines[i]!)) j++;
    const n = j - i;
    if ((o.has('d') && n < 2) || (o.has('u') && n > 1)) { i = j; continue; }
    out += (o.has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + '\n';
    i = j;
  }
  if (rest[1]) {
    const fd = a.sys.open(rest[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    try { await a.sys.write(fd, out); } finally { a.sys.close(fd); }
  } else await a.write(out);
  return 0;
};

function parseList(spec: string): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return null;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    if (lo < 1) return null;
    out.push([lo, hi]);
  }
  return out;
}

export const cut: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'd:f:c:b:sn', long: { delimiter: { key: 'd', arg: 'required' }, fields: { key: 'f', arg: 'required' }, characters: { key: 'c', arg: 'required' }, bytes: { key: 'b', arg: 'required' }, 'only-delimited': { key: 's' }, 'output-delimiter': { key: 'od', arg: 'required' } } }, '[OPTIONS] [FILE]...');
  const spec = (o.get('f') ?? o.get('c') ?? o.get('b')) as string | undefined;
  if (!spec) {
    await a.error(a.gnu ? 'you must specify a list of bytes, characters, or fields' : 'expected a list of bytes, characters, or fields');
    if (a.gnu) await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`);
    return 1;
  }
  const ranges = parseList(spec);
  if (!ranges) { await a.error(a.gnu ? `invalid field value ${a.q(spec)}` : `invalid range '${spec}'`); return 1; }
  const inR = (i: number): boolean => ranges.some(([lo, hi]) => i >= lo && i <= hi);
  const delim = typeof o.get('d') === 'string' ? (o.get('d') as string) : '\t';
  if (delim.length !== 1) { await a.error(a.gnu ? 'the delimiter must be a single character' : 'delimiter must be one character'); return 1; }
  const od = typeof o.get('od') === 'string' ? (o.get('od') as string) : delim;
  let out = '';
  const st = await eachInput(a, rest, (d) => {
    for (const line of splitLines(text(d))) {
      if (o.has('f')) {
        if (!line.includes(delim)) { if (!o.has('s')) out += line + '\n'; continue; }
        out += line.split(delim).filter((_, i) => inR(i + 1)).join(od) + '\n';
      } else out += [...line].filter((_, i) => inR(i + 1)).join('') + '\n';
    }
  }, (f) => (a.gnu ? f : `can't open '${f}'`));
  await a.write(out);
  return st;
};

function expandSet(s: string): string[] {
  const out: string[] = [];
  const CL: Record<string, string> = { alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \t\n\r\f\v', blank: ' \t', punct: '!-/:-@[-`{-~', xdigit: '0-9A-Fa-f' };
  const src = s.replace(/\[:([a-z]+):\]/g, (m, n: string) => CL[n] ?? m);
  const chars: string[] = [];
  for (let i = 0; i < src.length; i++) {
    let c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      const n = src[++i]!;
      c = n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '\\' ? '\\' : /[0-7]/.test(n) ? String.fromCharCode(parseInt(/^[0-7]{1,3}/.exec(src.slice(i))![0], 8)) : n;
      if (/[0-7]/.test(n)) i += /^[0-7]{1,3}/.exec(src.slice(i))![0].length - 1;
    }
    chars.push(c);
  }
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const lo = chars[i]!.charCodeAt(0), hi = chars[i + 2]!.charCodeAt(0);
      for (let c = lo; c <= hi; c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

export const tr: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'dscC', long: { delete: { key: 'd' }, 'squeeze-repeats': { key: 's' }, complement: { key: 'c' } } }, '[-cds] STRING1 [STRING2]');
  if (rest.length === 0 || (!o.has('d') && !o.has('s') && rest.length < 2)) {
    if (a.gnu) { await a.error(rest.length === 0 ? 'missing operand' : `missing operand after ${a.q(rest[0]!)}`); await a.sys.write(2, `Two strings must be given when translating.\nTry '${a.prog} --help' for more information.\n`); return 1; }
    return missing(a, '[-cds] STRING1 [STRING2]');
  }
  const s1 = expandSet(rest[0]!);
  const s2 = rest[1] !== undefined ? expandSet(rest[1]) : [];
  const comp = o.has('c') || o.has('C');
  const in1 = (c: string): boolean => (s1.includes(c) !== comp);
  const map = new Map<string, string>();
  if (!o.has('d') && s2.length) s1.forEach((c, i) => map.set(c, s2[Math.min(i, s2.length - 1)]!));
  const squeezeSet = o.has('d') ? s2 : s2.length ? s2 : s1;
  const data = text(await readAll(a.sys, 0));
  let out = '';
  let prev = '';
  for (const ch of data) {
    let c = ch;
    if (o.has('d') && in1(c)) continue;
    if (!o.has('d') && in1(c)) c = comp ? (s2[s2.length - 1] ?? c) : map.get(c) ?? c;
    if (o.has('s') && c === prev && (o.has('d') || !s2.length ? (comp && !o.has('d') ? in1(c) : squeezeSet.includes(c)) : squeezeSet.includes(c))) continue;
    out += c;
    prev = c;
  }
  await a.write(out);
  return 0;
};

export const tee: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'ai', long: { append: { key: 'a' } } }, '[-ai] [FILE]...');
  const fds: number[] = [];
  let st = 0;
  for (const f of rest) {
    try { fds.push(a.sys.open(f, O_WRONLY | O_CREAT | (o.has('a') ? O_APPEND : O_TRUNC), 0o666)); } catch (e) {
      st = 1; await a.perror(a.gnu ? f : `can't open '${f}'`, e);
    }
  }
  for (;;) {
    const b = await a.sys.read(0);
    if (b.length === 0) break;
    try { await a.sys.write(1, b); } catch (e) { if (!isSysError(e)) throw e; st = 1; }
    for (const fd of fds) await a.sys.write(fd, b);
  }
  for (const fd of fds) a.sys.close(fd);
  return st;
};

export const more: Applet = async (a) => {
  return eachInput(a, a.args.filter((x) => !x.startsWith('-')), async (d) => { await a.out.writeBytes(d); });
};

export { concat };
