// sed: the POSIX stream editor with the GNU extensions scripts commonly use
// (-i, -E, \n in replacements, I flag, 0~step, addr,+N). Scripts are compiled
// once into a command list, then every input line runs through it.

import { O_RDONLY } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, text, readFile, writeFile } from '../libc/io.ts';
import { compile } from '../libc/regex.ts';
import { errnoOf } from '../libc/errors.ts';

type Addr = { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: RegExp | null } | { k: 'step'; first: number; step: number };

interface Cmd {
  a1?: Addr; a2?: Addr | { k: 'rel'; n: number }; neg: boolean;
  c: string;
  // s
  re?: RegExp | null; rep?: string; global?: boolean; nth?: number; print?: boolean;
  // a i c text, b t labels, y maps, { } jumps
  text?: string; label?: string; from?: string; to?: string; block?: number;
  // range state
  active?: boolean; end?: number;
}

class SedError { constructor(readonly message: string) {} }

function compileScript(src: string, extended: boolean, gnu: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const stack: number[] = [];
  let i = 0;
  let lastRe: RegExp | null = null;
  const err = (gnuMsg: string, bbMsg: string): never => { throw new SedError(gnu ? `-e expression #1, char ${i}: ${gnuMsg}` : bbMsg); };
  const skipWs = (): void => { while (i < src.length && /[ \t]/.test(src[i]!)) i++; };
  const delimited = (delim: string, what: string): string => {
    let out = '';
    while (i < src.length && src[i] !== delim) {
      if (src[i] === '\\' && i + 1 < src.length) {
        if (src[i + 1] === delim) { out += delim; i += 2; continue; }
        if (src[i + 1] === 'n') { out += '\n'; i += 2; continue; }
        out += src[i]! + src[i + 1]!; i += 2; continue;
      }
      if (src[i] === '\n' && what !== 'y') err(`unterminated \`${what}' command`, `unmatched '${delim}'`);
      out += src[i++];
    }
    if (i >= src.length) err(`unterminated \`${what}' command`, `unmatched '${delim}'`);
    i++;
    return out;
  };
  const regex = (pat: string, flags = ''): RegExp | null => {
    if (pat === '') return null; // reuse the last regex
    try {
      const r = compile(pat, { extended, icase: flags.includes('I') || flags.includes('i') });
      return new RegExp(r.source, r.flags + (flags.includes('M') ? 'm' : ''));
    } catch (e) { if (!(e instanceof SyntaxError)) throw e; return err('Invalid regular expression', 'bad regex'); }
  };
  const addr = (): Addr | undefined => {
    const c = src[i];
    if (c === undefined) return undefined;
    if (/[0-9]/.test(c)) {
      const m = /^(\d+)(~(\d+))?/.exec(src.slice(i))!;
      i += m[0].length;
      if (m[2]) return { k: 'step', first: Number(m[1]), step: Number(m[3]) };
      return { k: 'line', n: Number(m[1]) };
    }
    if (c === '$') { i++; return { k: 'last' }; }
    if (c === '/' || c === '\\') {
      let d = '/';
      if (c === '\\') { d = src[i + 1]!; i += 2; } else i++;
      const pat = delimited(d, 'address regex');
      let flags = '';
      while (src[i] === 'I' || src[i] === 'M') flags += src[i++];
      const re = regex(pat, flags);
      if (re) lastRe = re;
      return { k: 're', re };
    }
    return undefined;
  };
  while (i < src.length) {
    skipWs();
    while (i < src.length && (src[i] === ';' || src[i] === '\n' || src[i] === ' ' || src[i] === '\t')) i++;
    if (i >= src.length) break;
    if (src[i] === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const cmd: Cmd = { neg: false, c: '' };
    cmd.a1 = addr();
    if (cmd.a1 && src[i] === ',') {
      i++;
      skipWs();
      if (src[i] === '+' || src[i] === '~') { const m = /^[+~](\d+)/.exec(src.slice(i))!; i += m[0].length; cmd.a2 = { k: 'rel', n: Number(m[1]) }; }
      else { cmd.a2 = addr(); if (!cmd.a2) err('unexpected `,\'', 'unexpected ,'); }
    }
    skipWs();
    while (src[i] === '!') { cmd.neg = true; i++; skipWs(); }
    const c = src[i++];
    if (c === undefined) err('missing command', 'missing command');
    cmd.c = c!;
    switch (c) {
      case '{': stack.push(cmds.length); cmds.push(cmd); continue;
      case '}': {
        if (!stack.length) err('unexpected `}\'', 'unexpected }');
        cmds[stack.pop()!]!.block = cmds.length + 1;
        cmds.push(cmd);
        continue;
      }
      case 's': {
        const d = src[i++]!;
        const pat = delimited(d, 's');
        const rep = delimited(d, 's');
        let flags = '';
        while (i < src.length && /[gpiIeM0-9w]/.test(src[i]!)) {
          if (src[i] === 'w') { i++; skipWs(); while (i < src.length && src[i] !== '\n') i++; break; }
          flags += src[i++];
        }
        cmd.re = regex(pat, flags);
        if (cmd.re) lastRe = cmd.re;
        cmd.rep = rep;
        cmd.global = flags.includes('g');
        cmd.print = flags.includes('p');
        const n = /\d+/.exec(flags);
        cmd.nth = n ? Number(n[0]) : 1;
        break;
      }
      case 'y': {
        const d = src[i++]!;
        const from = delimited(d, 'y'), to = delimited(d, 'y');
        if ([...from].length !== [...to].length) err('strings for `y\' command are different lengths', 'strings for y must be the same length');
        cmd.from = from; cmd.to = to;
        break;
      }
      case 'a': case 'i': case 'c': {
        skipWs();
        if (src[i] === '\\') { i++; if (src[i] === '\n') i++; }
        let t = '';
        while (i < src.length && src[i] !== '\n') {
          if (src[i] === '\\' && i + 1 < src.length) { t += src[i + 1] === 'n' ? '\n' : src[i + 1]; i += 2; continue; }
          t += src[i++];
        }
        cmd.text = t;
        break;
      }
      case 'b': case 't': case 'T': case ':': {
        skipWs();
        let l = '';
        while (i < src.length && !/[;\n]/.test(src[i]!)) l += src[i++];
        cmd.label = l.trim();
        if (c === ':' && !cmd.label) err('":" lacks a label', "':' lacks a label");
        break;
      }
      case 'r': case 'w': {
        skipWs();
        let f = '';
        while (i < src.length && src[i] !== '\n') f += src[i++];
        cmd.text = f;
        break;
      }
      case 'd': case 'D': case 'p': case 'P': case 'n': case 'N': case 'g': case 'G': case 'h': case 'H': case 'x':
      case '=': case 'l': case 'q': case 'Q': case 'z': {
        if (c === 'q' || c === 'Q') { skipWs(); const m = /^\d+/.exec(src.slice(i)); if (m) { cmd.end = Number(m[0]); i += m[0].length; } }
        break;
      }
      default:
        err(`unknown command: \`${c}'`, `unsupported command ${c}`);
    }
    cmds.push(cmd);
  }
  if (stack.length) { i = src.length; err('unmatched `{\'', 'unmatched {'); }
  void lastRe;
  return cmds;
}

function substitute(s: string, re: RegExp, rep: string, global: boolean, nth: number): { out: string; did: boolean } {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let count = 0;
  let did = false;
  const out = s.replace(g, (...m) => {
    count++;
    if (count < nth || (!global && count > nth)) return m[0] as string;
    did = true;
    const groups = m.slice(1, -2) as Array<string | undefined>;
    let r = '';
    for (let k = 0; k < rep.length; k++) {
      const ch = rep[k]!;
      if (ch === '&') { r += m[0]; continue; }
      if (ch === '\\' && k + 1 < rep.length) {
        const n = rep[++k]!;
        if (/[0-9]/.test(n)) r += n === '0' ? m[0] : groups[Number(n) - 1] ?? '';
        else if (n === 'n') r += '\n';
        else if (n === 't') r += '\t';
        else r += n;
        continue;
      }
      r += ch;
    }
    return r;
  });
  return { out, did };
}

export const sed: Applet = async (a) => {
  const { o, list, rest } = await a.opts({
    short: 'ne:f:i::Ersuz',
    long: { quiet: { key: 'n' }, silent: { key: 'n' }, expression: { key: 'e', arg: 'required' }, file: { key: 'f', arg: 'required' }, 'in-place': { key: 'i', arg: 'optional' }, 'regexp-extended': { key: 'E' }, separate: { key: 's' }, debug: { key: 'debug' }, posix: { key: 'posix' } },
  }, '[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...');
  const scripts: string[] = [];
  for (const [k, v] of list) {
    if (k === 'e') scripts.push(v!);
    if (k === 'f') {
      try { scripts.push((await readFile(a.sys, v!)).replace(/\n$/, '')); } catch (e) { return a.perror(a.gnu ? `couldn't open file ${v}` : `can't open '${v}'`, e); }
    }
  }
  const files = rest.slice();
  if (scripts.length === 0) {
    if (files.length === 0) {
      if (a.gnu) { await a.sys.write(2, 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n'); return 1; }
      await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n');
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let cmds: Cmd[];
  try { cmds = compileScript(scripts.join('\n'), o.has('E') || o.has('r'), a.gnu); } catch (e) {
    if (e instanceof SedError) { await a.error(e.message); return 1; }
    throw e;
  }
  const quiet = o.has('n');
  const inPlace = o.has('i');
  const suffix = typeof o.get('i') === 'string' ? (o.get('i') as string) : '';
  let status = 0;

  // inputs: one stream (or one per file with -i/-s)
  const groups: string[][] = inPlace || o.has('s') ? files.map((f) => [f]) : [files.length ? files : ['-']];
  if (inPlace && files.length === 0) { await a.error(a.gnu ? 'no input files' : 'no files to edit'); return a.gnu ? 1 : 1; }
  let quit = false;
  for (const g of groups) {
    if (quit) break;
    const lines: string[] = [];
    let trailingNl = true;
    for (const f of g) {
      let data: Uint8Array;
      try {
        if (f === '-') data = await readAll(a.sys, 0);
        else { const fd = a.sys.open(f, O_RDONLY); try { data = await readAll(a.sys, fd); } finally { a.sys.close(fd); } }
      } catch (e) {
        errnoOf(e);
        status = 2;
        await a.perror(a.gnu ? `can't read ${f}` : `can't open '${f}'`, e);
        continue;
      }
      const s = text(data);
      if (s === '') continue;
      trailingNl = s.endsWith('\n');
      lines.push(...(trailingNl ? s.slice(0, -1) : s).split('\n'));
    }
    let out = '';
    let hold = '';
    let lineNo = 0;
    let idx = 0;
    let lastRe: RegExp | null = null;
    let steps = 0;
    for (const c of cmds) { c.active = false; }
    const match = (ad: Addr, line: string): boolean => {
      switch (ad.k) {
        case 'line': return lineNo === ad.n;
        case 'last': return idx >= lines.length;
        case 'step': return ad.step <= 0 ? lineNo === ad.first : lineNo >= ad.first && (lineNo - ad.first) % ad.step === 0;
        case 're': { const r = ad.re ?? lastRe; if (!r) return false; lastRe = r; r.lastIndex = 0; return r.test(line); }
      }
    };
    const selected = (c: Cmd, line: string): boolean => {
      let m: boolean;
      if (!c.a1) m = true;
      else if (!c.a2) m = match(c.a1, line);
      else if (c.active) {
        const a2 = c.a2;
        if (a2.k === 'rel') { if (lineNo >= c.end!) c.active = false; }
        else if (a2.k === 'line') { if (lineNo >= a2.n) c.active = false; }
        else if (match(a2 as Addr, line)) c.active = false;
        m = true;
      } else if (match(c.a1, line)) {
        m = true;
        const a2 = c.a2;
        if (a2.k === 'rel') { c.end = lineNo + a2.n; c.active = a2.n > 0; }
        else if (a2.k === 'line') c.active = a2.n > lineNo;
        else c.active = true;
      } else m = false;
      return m !== c.neg;
    };
    while (idx < lines.length && !quit) {
      let ps = lines[idx++]!;
      lineNo++;
      let append = '';
      let deleted = false;
      let tflag = false;
      let pc = 0;
      let restart = false;
      while (pc < cmds.length) {
        const c = cmds[pc]!;
        if (c.c === '}' ) { pc++; continue; }
        if (c.c === ':') { pc++; continue; }
        if (!selected(c, ps)) { pc = c.c === '{' ? c.block! : pc + 1; continue; }
        pc++;
        switch (c.c) {
          case '{': break;
          case 's': {
            const re: RegExp | null = c.re ?? lastRe;
            if (!re) break;
            lastRe = re;
            const r = substitute(ps, re, c.rep!, !!c.global, c.nth ?? 1);
            if (r.did) { ps = r.out; tflag = true; if (c.print) out += ps + '\n'; }
            break;
          }
          case 'y': { const f = [...c.from!], t = [...c.to!]; ps = [...ps].map((ch) => { const k = f.indexOf(ch); return k >= 0 ? t[k]! : ch; }).join(''); break; }
          case 'p': out += ps + '\n'; break;
          case 'P': out += ps.split('\n')[0] + '\n'; break;
          case 'd': deleted = true; pc = cmds.length; break;
          case 'D': {
            const nl = ps.indexOf('\n');
            if (nl < 0) { deleted = true; pc = cmds.length; break; }
            ps = ps.slice(nl + 1); restart = true; pc = cmds.length; break;
          }
          case 'n':
            if (!quiet) out += ps + '\n';
            if (idx >= lines.length) { deleted = true; pc = cmds.length; quit = !a.gnu ? false : false; break; }
            ps = lines[idx++]!; lineNo++;
            break;
          case 'N':
            if (idx >= lines.length) { if (a.gnu) break; deleted = true; pc = cmds.length; break; }
            ps += '\n' + lines[idx++]!; lineNo++;
            break;
          case 'g': ps = hold; break;
          case 'G': ps += '\n' + hold; break;
          case 'h': hold = ps; break;
          case 'H': hold += '\n' + ps; break;
          case 'x': { const t = ps; ps = hold; hold = t; break; }
          case '=': out += `${lineNo}\n`; break;
          case 'l': out += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '$\n'; break;
          case 'z': ps = ''; break;
          case 'a': append += c.text + '\n'; break;
          case 'i': out += c.text + '\n'; break;
          case 'c':
            if (!c.a2 || !c.active) out += c.text + '\n';
            deleted = true; pc = cmds.length; break;
          case 'r': try { append += await readFile(a.sys, c.text!); } catch (e) { errnoOf(e); } break;
          case 'w': try { await writeFile(a.sys, c.text!, ps + '\n', { append: true }); } catch (e) { errnoOf(e); } break;
          case 'q': quit = true; status = c.end ?? status; pc = cmds.length; break;
          case 'Q': quit = true; deleted = true; status = c.end ?? status; pc = cmds.length; break;
          case 'b': case 't': case 'T': {
            const jump = c.c === 'b' || (c.c === 't' ? tflag : !tflag);
            if (c.c !== 'b') tflag = false;
            if (!jump) break;
            if (!c.label) { pc = cmds.length; break; }
            const target = cmds.findIndex((x) => x.c === ':' && x.label === c.label);
            if (target < 0) { await a.error(a.gnu ? `-e expression #1, char 0: can't find label for jump to \`${c.label}'` : `can't find label for jump to '${c.label}'`); return 1; }
            pc = target + 1;
            break;
          }
        }
      }
      if (!deleted && !quiet) out += ps + (idx >= lines.length && !trailingNl && !append ? '' : '\n');
      if (restart && !deleted) { lines.splice(idx, 0, ps); lineNo--; }
      out += append;
      if (out.length > 65536 && !inPlace) { await a.write(out); out = ''; }
      if (++steps % 1000 === 0) await a.sys.sched_yield();
    }
    if (inPlace) {
      const f = g[0]!;
      try {
        if (suffix) await writeFile(a.sys, suffix.includes('*') ? suffix.replace('*', f) : f + suffix, await readFile(a.sys, f));
        const st = a.sys.stat(f);
        await writeFile(a.sys, f, out, { mode: st.mode & 0o7777 });
      } catch (e) { status = 4; await a.perror(a.gnu ? `couldn't open temporary file ${f}` : `can't create '${f}'`, e); }
    } else await a.write(out);
  }
  return status;
};
