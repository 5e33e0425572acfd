// Small applets: expr, du, mktemp, nohup, timeout, pidof, pgrep, pkill, killall,
// sync, usleep, mkfifo, rev, paste, nl, nice, setsid.

import { isSysError, S_IFMT, S_IFDIR, S_IFIFO, O_WRONLY, O_CREAT, O_EXCL, O_APPEND, SIGTERM, SIGKILL, signalNumber, ENOENT, EEXIST, EINTR } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, text, readFileBytes } from '../libc/io.ts';
import { joinPath, basename } from '../libc/path.ts';
import { scanProcs } from '../libc/proc.ts';
import { compile } from '../libc/regex.ts';
import { findInPath, missing } from './basic.ts';
import { errnoOf } from '../libc/errors.ts';
import { humanSize } from '../libc/mode.ts';

export const expr: Applet = async (a) => {
  const t = a.args;
  let i = 0;
  const isNum = (s: string): boolean => /^-?\d+$/.test(s);
  const fail = (m: string): never => { throw new ExprError(m); };
  const primary = (): string => {
    const x = t[i++];
    if (x === undefined) fail('syntax error');
    if (x === '(') { const v = or(); if (t[i++] !== ')') fail('syntax error'); return v; }
    if (x === 'length') return String([...(t[i++] ?? '')].length);
    if (x === 'substr') { const s = t[i++]!, p = Number(t[i++]), n = Number(t[i++]); return [...s].slice(p - 1, p - 1 + n).join(''); }
    if (x === 'index') { const s = t[i++]!, cs = t[i++]!; const k = [...s].findIndex((c) => cs.includes(c)); return String(k + 1); }
    if (x === 'match') { const s = t[i++]!, r = t[i++]!; return matchOp(s, r); }
    return x!;
  };
  const matchOp = (s: string, r: string): string => {
    const re = compile('^(?:' + r + ')', {});
    const m = re.exec(s);
    if (/\\\(/.test(r)) return m ? m[1] ?? '' : '';
    return m ? String(m[0].length) : '0';
  };
  const colon = (): string => { let v = primary(); while (t[i] === ':') { i++; v = matchOp(v, primary()); } return v; };
  const mul = (): string => {
    let v = colon();
    while (t[i] === '*' || t[i] === '/' || t[i] === '%') {
      const op = t[i++]!; const r = colon();
      if (!isNum(v) || !isNum(r)) fail('non-integer argument');
      if ((op === '/' || op === '%') && Number(r) === 0) fail('division by zero');
      v = String(op === '*' ? Number(v) * Number(r) : op === '/' ? Math.trunc(Number(v) / Number(r)) : Number(v) % Number(r));
    }
    return v;
  };
  const add = (): string => {
    let v = mul();
    while (t[i] === '+' || t[i] === '-') {
      const op = t[i++]!; const r = mul();
      if (!isNum(v) || !isNum(r)) fail('non-integer argument');
      v = String(op === '+' ? Number(v) + Number(r) : Number(v) - Number(r));
    }
    return v;
  };
  const cmp = (): string => {
    let v = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(t[i] ?? '')) {
      const op = t[i++]!; const r = add();
      const c = isNum(v) && isNum(r) ? Number(v) - Number(r) : v < r ? -1 : v > r ? 1 : 0;
      const res = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>=' ? c >= 0 : c > 0;
      v = res ? '1' : '0';
    }
    return v;
  };
  const null_ = (v: string): boolean => v === '' || /^-?0+$/.test(v);
  const and = (): string => { let v = cmp(); while (t[i] === '&') { i++; const r = cmp(); v = null_(v) || null_(r) ? '0' : v; } return v; };
  const or = (): string => { let v = and(); while (t[i] === '|') { i++; const r = and(); v = null_(v) ? (null_(r) ? '0' : r) : v; } return v; };
  try {
    if (t.length === 0) { await a.error(a.gnu ? 'missing operand' : 'syntax error'); return 2; }
    const v = or();
    if (i < t.length) fail(a.gnu ? `syntax error: unexpected argument ${a.q(t[i]!)}` : 'syntax error');
    await a.write(v + '\n');
    return null_(v) ? 1 : 0;
  } catch (e) {
    if (e instanceof ExprError) { await a.error(e.message); return 2; }
    throw e;
  }
};
class ExprError { constructor(readonly message: string) {} }

export const du: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'shakcmd:x', long: { summarize: { key: 's' }, 'human-readable': { key: 'h' }, all: { key: 'a' }, 'max-depth': { key: 'd', arg: 'required' } } }, '[-aHLdclsxhmk] [FILE]...');
  const maxDepth = o.has('s') ? 0 : typeof o.get('d') === 'string' ? Number(o.get('d')) : Infinity;
  const fmt = (kb: number): string => (o.has('h') ? humanSize(kb * 1024) : o.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  let out = '';
  let st = 0;
  let total = 0;
  const seen = new Set<string>();
  const walk = async (p: string, depth: number): Promise<number> => {
    let s;
    try { s = a.sys.lstat(p); } catch (e) { st = 1; await a.perror(a.gnu ? `cannot access ${a.q(p)}` : p, e); return 0; }
    const key = `${s.dev}:${s.ino}`;
    if (seen.has(key)) return 0;
    seen.add(key);
    let kb = Math.ceil(s.blocks / 2);
    if ((s.mode & S_IFMT) === S_IFDIR) {
      let ents: string[] = [];
      try { ents = a.sys.readdir(p).map((d) => d.name); } catch (e) { st = 1; await a.perror(a.gnu ? `cannot read directory ${a.q(p)}` : p, e); }
      for (const n of ents) kb += await walk(joinPath(p, n), depth + 1);
      if (depth <= maxDepth) out += `${fmt(kb)}\t${p}\n`;
    } else if (o.has('a') && depth <= maxDepth || depth === 0) out += `${fmt(kb)}\t${p}\n`;
    return kb;
  };
  for (const p of rest.length ? rest : ['.']) total += await walk(p, 0);
  if (o.has('c')) out += `${fmt(total)}\ttotal\n`;
  await a.write(out);
  return st;
};

export const mktemp: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'dqtup:', long: { directory: { key: 'd' }, tmpdir: { key: 'p', arg: 'optional' } } }, '[-dt] [-p DIR] [TEMPLATE]');
  let tmpl = rest[0] ?? 'tmp.XXXXXXXXXX';
  const dir = typeof o.get('p') === 'string' ? (o.get('p') as string) : a.getenv('TMPDIR') || '/tmp';
  if (!tmpl.endsWith('XXX')) { await a.error(a.gnu ? `too few X's in template ${a.q(tmpl)}` : 'Invalid argument'); return 1; }
  if (!rest[0] || o.has('t') || o.has('p')) tmpl = joinPath(dir, tmpl);
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (let tries = 0; tries < 100; tries++) {
    const bytes = a.sys.getrandom(32);
    let k = 0;
    const name = tmpl.replace(/X+$/, (x) => Array.from(x, () => chars[bytes[k++ % 32]! % chars.length]).join(''));
    try {
      if (o.has('d')) a.sys.mkdir(name, 0o700);
      else a.sys.close(a.sys.open(name, O_WRONLY | O_CREAT | O_EXCL, 0o600));
      await a.write(name + '\n');
      return 0;
    } catch (e) {
      if (errnoOf(e) === EEXIST) continue;
      if (!o.has('q')) await a.perror(a.gnu ? `failed to create ${o.has('d') ? 'directory' : 'file'} via template ${a.q(tmpl)}` : `mkstemp: ${tmpl}`, e);
      return 1;
    }
  }
  return 1;
};

async function spawnWait(a: App, argv: string[], before?: (c: import('@dockersim/kernel').Sys) => void): Promise<{ pid: number; wait: () => Promise<number> }> {
  await a.out.flush();
  const path = findInPath(a.sys, argv[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
  const pid = a.sys.clone({ child: async (csys) => {
    before?.(csys);
    try { await csys.execve(path ?? argv[0]!, argv, a.env); } catch (e) {
      if (!isSysError(e)) throw e;
      await csys.write(2, `${a.prog}: ${a.gnu ? `failed to run command ${a.q(argv[0]!)}` : `can't execute '${argv[0]}'`}: ${a.strerror(e.errno)}\n`);
      return e.errno === ENOENT ? 127 : 126;
    }
    return 0;
  } });
  return {
    pid,
    wait: async () => {
      for (;;) {
        try { const r = await a.sys.wait4(pid, 0); return r ? (r.status.signal ? 128 + r.status.signal : r.status.code ?? 0) : 0; } catch (e) {
          if (isSysError(e, EINTR)) continue;
          throw e;
        }
      }
    },
  };
}

export const nohup: Applet = async (a) => {
  if (a.args.length === 0) return missing(a, 'PROG ARGS');
  a.sys.sigaction(1, 'ignore');
  if (a.sys.isatty(1)) {
    try {
      const fd = a.sys.open('nohup.out', O_WRONLY | O_CREAT | O_APPEND, 0o600);
      a.sys.dup2(fd, 1); a.sys.close(fd);
      await a.sys.write(2, a.gnu ? "nohup: ignoring input and appending output to 'nohup.out'\n" : 'nohup: appending output to nohup.out\n');
    } catch (e) { errnoOf(e); }
  }
  const path = findInPath(a.sys, a.args[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
  try { await a.sys.execve(path ?? a.args[0]!, a.args, a.env); } catch (e) {
    if (!isSysError(e)) throw e;
    await a.error(a.gnu ? `failed to run command ${a.q(a.args[0]!)}: ${a.strerror(e.errno)}` : `can't execute '${a.args[0]}': ${a.strerror(e.errno)}`);
    return e.errno === ENOENT ? 127 : 126;
  }
  return 0;
};

export const timeout: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: '+s:k:p', long: { signal: { key: 's', arg: 'required' }, 'kill-after': { key: 'k', arg: 'required' }, 'preserve-status': { key: 'p' }, foreground: { key: 'f' } }, stopAtOperand: true }, '[-s SIG] [-k KILL_SECS] SECS PROG ARGS');
  if (rest.length < 2) return missing(a, '[-s SIG] [-k KILL_SECS] SECS PROG ARGS');
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(rest[0]!);
  if (!m) { await a.error(a.gnu ? `invalid time interval ${a.q(rest[0]!)}` : `invalid number '${rest[0]}'`); return 125; }
  const ms = Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as ''] ?? 1) * 1000;
  const sig = typeof o.get('s') === 'string' ? signalNumber(o.get('s') as string) : SIGTERM;
  const child = await spawnWait(a, rest.slice(1));
  let timedOut = false;
  let done = false;
  const timer = (async () => {
    await a.sys.sleep(ms);
    if (done) return;
    timedOut = true;
    try { a.sys.kill(child.pid, sig); } catch (e) { errnoOf(e); }
    if (o.has('k')) { await a.sys.sleep(Number(o.get('k')) * 1000); if (!done) try { a.sys.kill(child.pid, SIGKILL); } catch (e) { errnoOf(e); } }
  })();
  void timer;
  const st = await child.wait();
  done = true;
  if (timedOut && !o.has('p')) return 124;
  return st;
};

async function matchProcs(a: App, pattern: string, full: boolean, exact: boolean): Promise<number[]> {
  const procs = await scanProcs(a.sys);
  const me = a.sys.getpid();
  const re = exact ? null : compile(pattern, { extended: true });
  return procs.filter((p) => {
    if (p.pid === me) return false;
    const subject = full ? (p.args.join(' ') || p.comm) : p.comm;
    if (exact) return subject === pattern || basename(p.args[0] ?? '') === pattern;
    return re!.test(subject);
  }).map((p) => p.pid);
}

export const pidof: Applet = async (a) => {
  const names = a.args.filter((x) => !x.startsWith('-'));
  const all: number[] = [];
  for (const n of names) all.push(...(await matchProcs(a, n, false, true)));
  if (all.length === 0) return 1;
  await a.write(all.sort((x, y) => y - x).join(' ') + '\n');
  return 0;
};

export const pgrep: Applet = async (a) => {
  const kill = a.name === 'pkill';
  let sig = SIGTERM;
  const args = a.args.filter((x) => {
    if (kill && /^-[A-Z0-9]+$/.test(x) && signalNumber(x.slice(1))) { sig = signalNumber(x.slice(1)); return false; }
    return true;
  });
  const full = args.includes('-f');
  const list = args.includes('-l');
  const pat = args.filter((x) => !x.startsWith('-'))[0];
  if (pat === undefined) return missing(a, '[-flnovx] [-s SID|-P PPID|PATTERN]');
  const pids = await matchProcs(a, pat, full, args.includes('-x'));
  if (!pids.length) return 1;
  if (kill) { for (const p of pids) { try { a.sys.kill(p, sig); } catch (e) { errnoOf(e); } } return 0; }
  const procs = list ? await scanProcs(a.sys) : [];
  await a.write(pids.map((p) => (list ? `${p} ${procs.find((x) => x.pid === p)?.comm ?? ''}` : String(p))).join('\n') + '\n');
  return 0;
};

export const killall: Applet = async (a) => {
  let sig = SIGTERM;
  const names: string[] = [];
  for (let i = 0; i < a.args.length; i++) {
    const x = a.args[i]!;
    if (x === '-s') sig = signalNumber(a.args[++i] ?? '');
    else if (/^-\w+$/.test(x) && signalNumber(x.slice(1))) sig = signalNumber(x.slice(1));
    else if (x === '-q') continue;
    else names.push(x);
  }
  let st = 0;
  for (const n of names) {
    const pids = await matchProcs(a, n, false, true);
    if (!pids.length) { st = 1; if (!a.args.includes('-q')) await a.error(a.gnu ? `${n}: no process found` : `${n}: no process killed`); continue; }
    for (const p of pids) { try { a.sys.kill(p, sig); } catch (e) { errnoOf(e); } }
  }
  return st;
};

export const sync: Applet = async () => 0;

export const usleep: Applet = async (a) => { await a.sys.sleep(Number(a.args[0] ?? 0) / 1000); return 0; };

export const mkfifo: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'm:' }, '[-m MODE] NAME');
  if (!rest.length) return missing(a, '[-m MODE] NAME');
  let st = 0;
  for (const n of rest) {
    try { a.sys.mknod(n, S_IFIFO | (typeof o.get('m') === 'string' ? parseInt(o.get('m') as string, 8) : 0o666)); } catch (e) {
      st = 1; await a.perror(a.gnu ? `cannot create fifo ${a.q(n)}` : n, e);
    }
  }
  return st;
};

async function linesOf(a: App, f: string | undefined): Promise<string[] | null> {
  let data: Uint8Array;
  if (!f || f === '-') data = await readAll(a.sys, 0);
  else {
    try { data = await readFileBytes(a.sys, f); } catch (e) { await a.perror(a.gnu ? f : `can't open '${f}'`, e); return null; }
  }
  const s = text(data);
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export const rev: Applet = async (a) => {
  let st = 0;
  for (const f of a.args.length ? a.args : ['-']) {
    const l = await linesOf(a, f);
    if (!l) { st = 1; continue; }
    await a.write(l.map((x) => [...x].reverse().join('') + '\n').join(''));
  }
  return st;
};

export const paste: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'd:s' }, '[-d LIST] [-s] [FILE]...');
  const delims = typeof o.get('d') === 'string' ? (o.get('d') as string).replace(/\\t/g, '\t').replace(/\\n/g, '\n') : '\t';
  const cols: string[][] = [];
  for (const f of rest.length ? rest : ['-']) { const l = await linesOf(a, f); if (!l) return 1; cols.push(l); }
  let out = '';
  const d = (k: number): string => delims[k % delims.length] ?? '';
  if (o.has('s')) for (const c of cols) out += c.map((x, k) => (k ? d(k - 1) : '') + x).join('') + '\n';
  else {
    const n = Math.max(...cols.map((c) => c.length));
    for (let r = 0; r < n; r++) out += cols.map((c, k) => (k ? d(k - 1) : '') + (c[r] ?? '')).join('') + '\n';
  }
  await a.write(out);
  return 0;
};

export const nl: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'b:w:s:v:i:n:' }, '[OPTIONS] [FILE]...');
  const all = o.get('b') === 'a';
  const width = Number(o.get('w') ?? 6);
  const sep = typeof o.get('s') === 'string' ? (o.get('s') as string) : '\t';
  let n = Number(o.get('v') ?? 1);
  let out = '';
  for (const f of rest.length ? rest : ['-']) {
    const l = await linesOf(a, f);
    if (!l) return 1;
    for (const x of l) {
      if (x === '' && !all) { out += (a.gnu ? ' '.repeat(width + sep.length) : ' '.repeat(width + sep.length)).replace(/ +$/, a.gnu ? '' : '') + '\n'; continue; }
      out += String(n++).padStart(width) + sep + x + '\n';
    }
  }
  await a.write(out);
  return 0;
};

export const nice: Applet = async (a) => {
  let args = a.args.slice();
  if (args[0] === '-n') args = args.slice(2); else if (/^-\d+$/.test(args[0] ?? '')) args = args.slice(1);
  if (args.length === 0) { await a.write('0\n'); return 0; }
  const path = findInPath(a.sys, args[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
  try { await a.sys.execve(path ?? args[0]!, args, a.env); } catch (e) {
    if (!isSysError(e)) throw e;
    await a.error(`${a.gnu ? a.q(args[0]!) : `can't execute '${args[0]}'`}: ${a.strerror(e.errno)}`);
    return e.errno === ENOENT ? 127 : 126;
  }
  return 0;
};

export const setsid: Applet = async (a) => {
  if (a.args.length === 0) return missing(a, '[-c] PROG ARGS');
  const args = a.args[0] === '-c' || a.args[0] === '-w' || a.args[0] === '-f' ? a.args.slice(1) : a.args;
  try { a.sys.setsid(); } catch (e) {
    errnoOf(e);
    // already a group leader: continue in a child, as setsid(1) forks
    const c = await spawnWait(a, args, (csys) => { csys.setsid(); });
    return a.args[0] === '-w' ? c.wait() : 0;
  }
  const path = findInPath(a.sys, args[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
  try { await a.sys.execve(path ?? args[0]!, args, a.env); } catch (e) {
    if (!isSysError(e)) throw e;
    await a.error(`${a.gnu ? `failed to execute ${args[0]}` : `can't execute '${args[0]}'`}: ${a.strerror(e.errno)}`);
    return 127;
  }
  return 0;
};
