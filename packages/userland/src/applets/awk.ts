// awk: a POSIX awk interpreter (patterns and actions, fields, associative
// arrays, user functions, printf, getline from input, the string builtins).
// The program is parsed once into a tree, then run over each record.

import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import { readAll, text, readFileBytes } from '../libc/io.ts';
import { parse, compileRe, AwkError } from './awk-parse.ts';
import type { E, S } from './awk-parse.ts';
import { printf as formatPrintf } from '../libc/printf.ts';
import { errnoOf } from '../libc/errors.ts';

class Next {}
class Exit { constructor(readonly code: number) {} }
class Ret { constructor(readonly v: Val) {} }
class Brk {} class Cont {}

type Val = number | string | { s: string; strnum: true };

// ------------------------------------------------------------ interpreter

const isStrnum = (v: Val): v is { s: string; strnum: true } => typeof v === 'object';
function looksNumeric(s: string): boolean { return /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)\s*$/.test(s); }

export const awk: Applet = async (a) => {
  const { list, rest } = await a.opts({ short: 'F:v:f:', long: {}, stopAtOperand: true }, "[OPTIONS] [AWK_PROGRAM] [FILE]...");
  let src: string | undefined;
  let fs = ' ';
  const assigns: string[] = [];
  for (const [k, v] of list) {
    if (k === 'F') fs = v === 't' ? '\t' : v!.replace(/\\t/g, '\t');
    else if (k === 'v') assigns.push(v!);
    else if (k === 'f') { try { src = (src ?? '') + text(await readFileBytes(a.sys, v!)); } catch (e) { return a.perror(a.gnu ? `fatal: can't open source file \`${v}' for reading` : `can't open '${v}'`, e); } }
  }
  const operands = rest.slice();
  if (src === undefined) {
    if (operands.length === 0) { await a.sys.write(2, a.gnu ? 'usage: awk [POSIX or GNU style options] -f progfile [--] file ...\n' : 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n'); return a.gnu ? 2 : 1; }
    src = operands.shift()!;
  }
  let prog: ReturnType<typeof parse>;
  try { prog = parse(src); } catch (e) {
    if (e instanceof AwkError) { await a.error(a.gnu ? `cmd. line:1: ${e.message}` : e.message); return a.gnu ? 2 : 1; }
    throw e;
  }
  const vars = new Map<string, Val>();
  const arrays = new Map<string, Map<string, Val>>();
  vars.set('FS', fs); vars.set('OFS', ' '); vars.set('ORS', '\n'); vars.set('RS', '\n'); vars.set('NR', 0); vars.set('NF', 0); vars.set('FNR', 0);
  vars.set('SUBSEP', '\x1c'); vars.set('CONVFMT', '%.6g'); vars.set('OFMT', '%.6g'); vars.set('RSTART', 0); vars.set('RLENGTH', -1); vars.set('FILENAME', '');
  const env = new Map<string, Val>();
  for (const kv of a.env) { const i = kv.indexOf('='); if (i > 0) env.set(kv.slice(0, i), { s: kv.slice(i + 1), strnum: true }); }
  arrays.set('ENVIRON', env);
  const argvArr = new Map<string, Val>([['0', 'awk'], ...operands.map((o, i) => [String(i + 1), { s: o, strnum: true as const }] as [string, Val])]);
  arrays.set('ARGV', argvArr);
  vars.set('ARGC', operands.length + 1);
  const unesc = (s: string): string => s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  for (const asg of assigns) { const i = asg.indexOf('='); vars.set(asg.slice(0, i), { s: unesc(asg.slice(i + 1)), strnum: true }); }

  let fields: string[] = [''];
  let record = '';
  let out = '';
  const files = new Map<string, number>();
  let steps = 0;
  let status = 0;

  const num = (v: Val): number => {
    if (typeof v === 'number') return v;
    const s = isStrnum(v) ? v.s : v;
    const m = /^\s*[-+]?(0[xX][0-9a-fA-F]+|\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(s);
    if (!m) return 0;
    return Number(m[0].trim().startsWith('0x') || m[0].trim().startsWith('0X') ? 0 : m[0]);
  };
  const fmtNum = (n: number, fmt: string): string => {
    if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
    if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
    return formatPrintf(fmt, [String(n)], () => '').out;
  };
  const str = (v: Val, fmtVar = 'CONVFMT'): string => {
    if (typeof v === 'number') return fmtNum(v, str(vars.get(fmtVar) ?? '%.6g'));
    return isStrnum(v) ? v.s : v;
  };
  const bool = (v: Val): boolean => {
    if (typeof v === 'number') return v !== 0;
    if (isStrnum(v)) return looksNumeric(v.s) ? num(v) !== 0 : v.s !== '';
    return v !== '';
  };
  const splitRecord = (): void => {
    const f = str(vars.get('FS') ?? ' ');
    let parts: string[];
    if (record === '') parts = [];
    else if (f === ' ') parts = record.trim().split(/[ \t\n]+/);
    else if (f.length === 1 && f !== '\\') parts = record.split(f);
    else parts = record.split(new RegExp(compileRe(f).source));
    fields = [record, ...parts];
    vars.set('NF', parts.length);
  };
  const rebuild = (): void => {
    const nf = num(vars.get('NF') ?? 0);
    while (fields.length - 1 < nf) fields.push('');
    fields.length = nf + 1;
    record = fields.slice(1).join(str(vars.get('OFS') ?? ' '));
    fields[0] = record;
  };
  const getField = (i: number): Val => {
    if (i === 0) return { s: record, strnum: true };
    const v = fields[i];
    return v === undefined ? { s: '', strnum: true } : { s: v, strnum: true };
  };
  const setField = (i: number, v: string): void => {
    if (i === 0) { record = v; splitRecord(); return; }
    while (fields.length <= i) fields.push('');
    fields[i] = v;
    if (i > num(vars.get('NF') ?? 0)) vars.set('NF', i);
    rebuild();
  };
  const arr = (n: string): Map<string, Val> => {
    let m = arrays.get(n);
    if (!m) { m = new Map(); arrays.set(n, m); }
    return m;
  };
  const subsep = (): string => str(vars.get('SUBSEP') ?? '\x1c');
  let locals: Array<Map<string, Val | Map<string, Val>>> = [];

  const getVar = (n: string): Val => {
    const l = locals[locals.length - 1];
    if (l?.has(n)) { const v = l.get(n)!; return v instanceof Map ? '' : v; }
    return vars.get(n) ?? { s: '', strnum: true };
  };
  const setVar = (n: string, v: Val): void => {
    const l = locals[locals.length - 1];
    if (l?.has(n)) { l.set(n, v); return; }
    vars.set(n, v);
    if (n === 'NF') rebuild();
  };
  const arrayOf = (n: string): Map<string, Val> => {
    const l = locals[locals.length - 1];
    if (l?.has(n)) {
      const v = l.get(n);
      if (v instanceof Map) return v;
      const m = new Map<string, Val>();
      l.set(n, m);
      return m;
    }
    return arr(n);
  };

  const readInput = async (fd: number): Promise<string> => text(await readAll(a.sys, fd));
  // main input: records from the operands (or stdin), read lazily so getline works
  const inputs = operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o) || false);
  let inputIdx = 0;
  let pending: string[] = [];
  let opened = false;
  const nextRecord = async (): Promise<string | null> => {
    for (;;) {
      if (pending.length) return pending.shift()!;
      if (opened && inputIdx >= inputs.length) return null;
      let data: string;
      if (!opened && inputs.length === 0) { opened = true; data = await readInput(0); vars.set('FILENAME', ''); }
      else {
        opened = true;
        const f = inputs[inputIdx++]!;
        const asg = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(f);
        if (asg) { vars.set(asg[1]!, { s: unesc(asg[2]!), strnum: true }); continue; }
        vars.set('FILENAME', f);
        vars.set('FNR', 0);
        if (f === '-') data = await readInput(0);
        else {
          try { const fd = a.sys.open(f, O_RDONLY); try { data = await readInput(fd); } finally { a.sys.close(fd); } } catch (e) {
            errnoOf(e);
            await a.out.flush();
            await a.error(a.gnu ? `fatal: cannot open file \`${f}' for reading: ${a.strerror((e as { errno: number }).errno)}` : `cannot open '${f}': ${a.strerror((e as { errno: number }).errno)}`);
            status = 2;
            continue;
          }
        }
      }
      const rs = str(vars.get('RS') ?? '\n');
      let recs: string[];
      if (rs === '') recs = data.replace(/^\n+/, '').split(/\n\n+/);
      else recs = data.split(rs.length === 1 ? rs : new RegExp(rs));
      if (recs.length && recs[recs.length - 1] === '') recs.pop();
      pending = recs;
    }
  };

  const write = async (s: string, dest?: { op: string; e: E }): Promise<void> => {
    if (!dest) { out += s; if (out.length > 16384) { await a.write(out); out = ''; } return; }
    const name = str(await ev(dest.e));
    if (dest.op === '|') {
      await a.write(out); out = '';
      await a.out.flush();
      // a pipe to a command: run it through sh with the text on its stdin
      const [r, w] = a.sys.pipe();
      const pid = a.sys.clone({ child: async (c) => { c.close(w); c.dup2(r, 0); c.close(r); await c.execve('/bin/sh', ['sh', '-c', name], a.env); return 127; } });
      a.sys.close(r);
      await a.sys.write(w, s);
      a.sys.close(w);
      await a.sys.wait4(pid, 0);
      return;
    }
    let fd = files.get(name);
    if (fd === undefined) {
      if (name === '/dev/stdout' || name === '-') fd = 1;
      else if (name === '/dev/stderr') fd = 2;
      else fd = a.sys.open(name, O_WRONLY | O_CREAT | (dest.op === '>>' ? O_APPEND : O_TRUNC), 0o666);
      files.set(name, fd);
    }
    if (fd === 1) { out += s; return; }
    if (fd === 2) { await a.write(out); out = ''; await a.out.flush(); }
    await a.sys.write(fd, s);
  };

  const assignTo = async (l: E, v: Val): Promise<void> => {
    if (l.k === 'var') setVar(l.n, v);
    else if (l.k === 'field') setField(num(await ev(l.e)), str(v));
    else if (l.k === 'idx') arrayOf(l.n).set(await key(l.i), v);
  };
  const key = async (i: E[]): Promise<string> => {
    const parts: string[] = [];
    for (const e of i) parts.push(str(await ev(e)));
    return parts.join(subsep());
  };
  const regexOf = async (e: E): Promise<RegExp> => (e.k === 're' ? e.re : compileRe(str(await ev(e))));

  const ev = async (e: E): Promise<Val> => {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': e.re.lastIndex = 0; return e.re.test(record) ? 1 : 0;
      case 'group': return ev(e.e);
      case 'var': return getVar(e.n);
      case 'field': return getField(num(await ev(e.e)));
      case 'idx': { const m = arrayOf(e.n); const k = await key(e.i); if (!m.has(k)) m.set(k, { s: '', strnum: true }); return m.get(k)!; }
      case 'in': return arrayOf(e.n).has(await key(e.i)) ? 1 : 0;
      case 'assign': {
        let v = await ev(e.r);
        if (e.op !== '=') {
          const cur = num(await ev(e.l)), r = num(v);
          const op = e.op[0]!;
          v = op === '+' ? cur + r : op === '-' ? cur - r : op === '*' ? cur * r : op === '/' ? div(cur, r) : op === '%' ? cur % r : cur ** r;
        } else if (isStrnum(v)) v = { ...v };
        await assignTo(e.l, v);
        return v;
      }
      case 'cond': return bool(await ev(e.c)) ? ev(e.a) : ev(e.b);
      case 'un': {
        const v = await ev(e.e);
        return e.op === '!' ? (bool(v) ? 0 : 1) : e.op === '-' ? -num(v) : num(v);
      }
      case 'incdec': {
        const cur = num(await ev(e.e));
        const nv = e.op === '++' ? cur + 1 : cur - 1;
        await assignTo(e.e, nv);
        return e.pre ? nv : cur;
      }
      case 'match': {
        const s = str(await ev(e.l));
        const re = await regexOf(e.r);
        re.lastIndex = 0;
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (e.op === '&&') return bool(await ev(e.l)) && bool(await ev(e.r)) ? 1 : 0;
        if (e.op === '||') return bool(await ev(e.l)) || bool(await ev(e.r)) ? 1 : 0;
        const l = await ev(e.l), r = await ev(e.r);
        switch (e.op) {
          case 'cat': return str(l) + str(r);
          case '+': return num(l) + num(r);
          case '-': return num(l) - num(r);
          case '*': return num(l) * num(r);
          case '/': return div(num(l), num(r));
          case '%': { const d = num(r); if (d === 0) throw new AwkError('division by zero in %'); return num(l) % d; }
          case '^': return num(l) ** num(r);
        }
        // comparison: numeric when both are numbers or numeric strings
        const numeric = (v: Val): boolean => typeof v === 'number' || (isStrnum(v) && looksNumeric(v.s));
        let c: number;
        if (numeric(l) && numeric(r)) c = num(l) - num(r);
        else { const a1 = str(l), b1 = str(r); c = a1 < b1 ? -1 : a1 > b1 ? 1 : 0; }
        switch (e.op) {
          case '<': return c < 0 ? 1 : 0;
          case '<=': return c <= 0 ? 1 : 0;
          case '>': return c > 0 ? 1 : 0;
          case '>=': return c >= 0 ? 1 : 0;
          case '==': return c === 0 ? 1 : 0;
          case '!=': return c !== 0 ? 1 : 0;
        }
        return 0;
      }
      case 'getline': {
        if (e.file) {
          const name = str(await ev(e.file));
          let lines = getlineFiles.get(name);
          if (!lines) {
            try { const fd = a.sys.open(name, O_RDONLY); try { lines = (await readInput(fd)).split('\n'); } finally { a.sys.close(fd); } } catch (err) { errnoOf(err); return -1; }
            if (lines[lines.length - 1] === '') lines.pop();
            getlineFiles.set(name, lines);
          }
          const l = lines.shift();
          if (l === undefined) return 0;
          if (e.v) await assignTo(e.v, { s: l, strnum: true }); else { record = l; splitRecord(); }
          return 1;
        }
        const r = await nextRecord();
        if (r === null) return 0;
        vars.set('NR', num(vars.get('NR') ?? 0) + 1);
        vars.set('FNR', num(vars.get('FNR') ?? 0) + 1);
        if (e.v) await assignTo(e.v, { s: r, strnum: true }); else { record = r; splitRecord(); }
        return 1;
      }
      case 'call': return call(e.n, e.a);
    }
  };
  const getlineFiles = new Map<string, string[]>();
  const div = (x: number, y: number): number => { if (y === 0) throw new AwkError('division by zero'); return x / y; };

  const call = async (n: string, args: E[]): Promise<Val> => {
    const arg = async (i: number): Promise<Val> => (args[i] ? ev(args[i]!) : '');
    switch (n) {
      case 'length': {
        if (!args.length) return [...record].length;
        const x = args[0]!;
        if (x.k === 'var' && (arrays.has(x.n) || locals[locals.length - 1]?.get(x.n) instanceof Map)) return arrayOf(x.n).size;
        return [...str(await ev(x))].length;
      }
      case 'substr': {
        const s = [...str(await arg(0))];
        let m = Math.round(num(await arg(1)));
        let len = args.length > 2 ? Math.round(num(await arg(2))) : Infinity;
        if (m < 1) { len += m - 1; m = 1; }
        return s.slice(m - 1, len === Infinity ? undefined : Math.max(m - 1, m - 1 + len)).join('');
      }
      case 'index': return str(await arg(0)).indexOf(str(await arg(1))) + 1;
      case 'split': {
        const s = str(await arg(0));
        const target = args[1]!;
        if (target.k !== 'var') throw new AwkError('split: second argument is not an array');
        const m = arrayOf(target.n);
        m.clear();
        const sep = args[2] ? (args[2].k === 're' ? args[2].re : str(await ev(args[2]))) : str(vars.get('FS') ?? ' ');
        let parts: string[];
        if (s === '') parts = [];
        else if (sep === ' ') parts = s.trim().split(/[ \t\n]+/);
        else if (typeof sep === 'string' && sep.length === 1) parts = s.split(sep);
        else parts = s.split(new RegExp(typeof sep === 'string' ? compileRe(sep).source : sep.source));
        parts.forEach((p, i) => m.set(String(i + 1), { s: p, strnum: true }));
        return parts.length;
      }
      case 'sub': case 'gsub': {
        const re = await regexOf(args[0]!);
        const rep = str(await arg(1));
        const target: E = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
        const s = str(await ev(target));
        let count = 0;
        const g = new RegExp(re.source, re.flags.replace('g', '') + (n === 'gsub' ? 'g' : ''));
        const res = s.replace(g, (m0) => {
          count++;
          let r = '';
          for (let i = 0; i < rep.length; i++) {
            if (rep[i] === '\\' && (rep[i + 1] === '&' || rep[i + 1] === '\\')) { r += rep[++i]; continue; }
            r += rep[i] === '&' ? m0 : rep[i];
          }
          return r;
        });
        if (count) await assignTo(target, res);
        return count;
      }
      case 'match': {
        const s = str(await arg(0));
        const re = await regexOf(args[1]!);
        const m = new RegExp(re.source, re.flags.replace('g', '')).exec(s);
        vars.set('RSTART', m ? m.index + 1 : 0);
        vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: string[] = [];
        for (let i = 1; i < args.length; i++) { const v = await ev(args[i]!); vals.push(typeof v === 'number' ? String(v) : str(v)); }
        return formatPrintf(str(await arg(0)), vals, () => '').out;
      }
      case 'tolower': return str(await arg(0)).toLowerCase();
      case 'toupper': return str(await arg(0)).toUpperCase();
      case 'int': return Math.trunc(num(await arg(0)));
      case 'sqrt': return Math.sqrt(num(await arg(0)));
      case 'exp': return Math.exp(num(await arg(0)));
      case 'log': return Math.log(num(await arg(0)));
      case 'sin': return Math.sin(num(await arg(0)));
      case 'cos': return Math.cos(num(await arg(0)));
      case 'atan2': return Math.atan2(num(await arg(0)), num(await arg(1)));
      case 'rand': { const b = a.sys.getrandom(4); return ((b[0]! << 24 >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) / 2 ** 32; }
      case 'srand': return 0;
      case 'system': {
        await a.write(out); out = ''; await a.out.flush();
        const cmd = str(await arg(0));
        const pid = a.sys.clone({ child: async (c) => { await c.execve('/bin/sh', ['sh', '-c', cmd], a.env); return 127; } });
        const r = await a.sys.wait4(pid, 0);
        return r?.status.code ?? 0;
      }
      case 'close': { const nm = str(await arg(0)); const fd = files.get(nm); if (fd !== undefined && fd > 2) a.sys.close(fd); files.delete(nm); getlineFiles.delete(nm); return 0; }
      case 'fflush': await a.write(out); out = ''; await a.out.flush(); return 0;
    }
    const fn = prog.fns.get(n);
    if (!fn) throw new AwkError(`calling undefined function ${n}`);
    const frame = new Map<string, Val | Map<string, Val>>();
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i]!;
      const x = args[i];
      if (x && x.k === 'var' && (arrays.has(x.n) || locals[locals.length - 1]?.get(x.n) instanceof Map)) frame.set(p, arrayOf(x.n));
      else if (x) frame.set(p, await ev(x));
      else frame.set(p, { s: '', strnum: true });
    }
    locals.push(frame);
    try { await exec(fn.body); } catch (r) { if (r instanceof Ret) return r.v; throw r; } finally { locals.pop(); }
    return '';
  };

  const exec = async (s: S): Promise<void> => {
    if (++steps % 1000 === 0) await a.sys.sched_yield();
    switch (s.k) {
      case 'nop': return;
      case 'expr': await ev(s.e); return;
      case 'block': for (const x of s.b) await exec(x); return;
      case 'print': {
        let line: string;
        if (s.f) {
          const vals: string[] = [];
          for (let i = 1; i < s.a.length; i++) { const v = await ev(s.a[i]!); vals.push(typeof v === 'number' ? String(v) : str(v)); }
          line = s.a.length ? formatPrintf(str(await ev(s.a[0]!)), vals, () => '').out : '';
        } else {
          const parts: string[] = [];
          for (const x of s.a) parts.push(str(await ev(x), 'OFMT'));
          line = (s.a.length ? parts.join(str(vars.get('OFS') ?? ' ')) : record) + str(vars.get('ORS') ?? '\n');
        }
        await write(line, s.out);
        return;
      }
      case 'if': if (bool(await ev(s.c))) await exec(s.t); else if (s.f) await exec(s.f); return;
      case 'while':
        while (bool(await ev(s.c))) { try { await exec(s.b); } catch (x) { if (x instanceof Brk) break; if (x instanceof Cont) continue; throw x; } }
        return;
      case 'do':
        do { try { await exec(s.b); } catch (x) { if (x instanceof Brk) break; if (x instanceof Cont) continue; throw x; } } while (bool(await ev(s.c)));
        return;
      case 'for':
        if (s.i) await exec(s.i);
        while (!s.c || bool(await ev(s.c))) {
          try { await exec(s.b); } catch (x) { if (x instanceof Brk) break; if (!(x instanceof Cont)) throw x; }
          if (s.s) await exec(s.s);
        }
        return;
      case 'forin': {
        const keys = [...arrayOf(s.a).keys()];
        for (const k of keys) {
          setVar(s.v, { s: k, strnum: true });
          try { await exec(s.b); } catch (x) { if (x instanceof Brk) break; if (x instanceof Cont) continue; throw x; }
        }
        return;
      }
      case 'delete': if (s.i) arrayOf(s.n).delete(await key(s.i)); else arrayOf(s.n).clear(); return;
      case 'next': throw new Next();
      case 'exit': throw new Exit(s.e ? num(await ev(s.e)) : status);
      case 'return': throw new Ret(s.e ? await ev(s.e) : '');
      case 'break': throw new Brk();
      case 'continue': throw new Cont();
    }
  };

  let exitCode: number | null = null;
  try {
    try {
      for (const r of prog.rules) if (r.begin) await exec(r.body!);
      const main = prog.rules.filter((r) => !r.begin && !r.end);
      const hasEnd = prog.rules.some((r) => r.end);
      if (main.length || hasEnd) {
        for (;;) {
          const rec = await nextRecord();
          if (rec === null) break;
          vars.set('NR', num(vars.get('NR') ?? 0) + 1);
          vars.set('FNR', num(vars.get('FNR') ?? 0) + 1);
          record = rec;
          splitRecord();
          try {
            for (const r of main) {
              let hit: boolean;
              if (r.pat2) {
                if (r.inRange) { hit = true; if (bool(await ev(r.pat2))) r.inRange = false; }
                else if (bool(await ev(r.pat!))) { hit = true; r.inRange = !bool(await ev(r.pat2)); }
                else hit = false;
              } else hit = !r.pat || bool(await ev(r.pat));
              if (!hit) continue;
              if (r.body) await exec(r.body);
              else await write(record + str(vars.get('ORS') ?? '\n'));
            }
          } catch (x) { if (!(x instanceof Next)) throw x; }
        }
      }
    } catch (x) {
      if (x instanceof Exit) exitCode = x.code; else throw x;
    }
    try { for (const r of prog.rules) if (r.end) await exec(r.body!); } catch (x) { if (x instanceof Exit) exitCode = x.code; else throw x; }
  } catch (e) {
    if (e instanceof AwkError) {
      await a.write(out); out = '';
      await a.error(a.gnu ? `cmd. line:1: fatal: ${e.message}` : e.message);
      return 2;
    }
    throw e;
  }
  await a.write(out);
  for (const [, fd] of files) if (fd > 2) a.sys.close(fd);
  return exitCode ?? status;
};
