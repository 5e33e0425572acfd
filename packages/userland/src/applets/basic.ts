// Small applets: true, false, echo, printf, yes, sleep, pwd, basename, dirname,
// hostname, whoami, id, groups, uname, env, printenv, nproc, seq, test/[, tty, clear.

import { isSysError, S_IFMT } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import { printf, unescape } from '../libc/printf.ts';
import { evalTest, TestError } from '../libc/test-expr.ts';
import { basename as bn, dirname as dn } from '../libc/path.ts';
import { Names } from '../libc/passwd.ts';
import { AppExit } from '../libc/app.ts';
import { readFile } from '../libc/io.ts';

export const trueA: Applet = async () => 0;
export const falseA: Applet = async () => 1;

export const echo: Applet = async (a) => {
  let i = 0;
  let nl = true, esc = false;
  for (; i < a.args.length; i++) {
    const s = a.args[i]!;
    if (!/^-[neE]+$/.test(s)) break;
    for (const c of s.slice(1)) { if (c === 'n') nl = false; else if (c === 'e') esc = true; else esc = false; }
  }
  let s = a.args.slice(i).join(' ');
  if (esc) { const u = unescape(s, true); s = u.s; if (u.stop) nl = false; }
  await a.write(s + (nl ? '\n' : ''));
  return 0;
};

export const printfA: Applet = async (a) => {
  if (a.args.length === 0) {
    if (a.gnu) { await a.error('missing operand'); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n');
    return 1;
  }
  const r = printf(a.args[0]!, a.args.slice(1), (x) => (a.gnu ? `${a.q(x)}: expected a numeric value` : `invalid number '${x}'`));
  await a.write(r.out);
  if (r.error) { await a.error(r.error); return 1; }
  return 0;
};

export const yes: Applet = async (a) => {
  const line = (a.args.length ? a.args.join(' ') : 'y') + '\n';
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (let n = 0; ; n++) {
    try { await a.sys.write(1, chunk); } catch (e) { if (isSysError(e)) return 1; throw e; }
    if (n % 16 === 15) await a.sys.sched_yield();
  }
};

function duration(s: string): number | null {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return null;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult * 1000;
}

export const sleep: Applet = async (a) => {
  if (a.args.length === 0) {
    if (a.gnu) { await a.error('missing operand'); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
    return 1;
  }
  let ms = 0;
  for (const s of a.args) {
    if (s === 'inf' || s === 'infinity') ms = Infinity;
    const d = s === 'inf' || s === 'infinity' ? Infinity : duration(s);
    if (d === null) {
      if (a.gnu) { await a.error(`invalid time interval ${a.q(s)}`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
      await a.error(`invalid number '${s}'`);
      return 1;
    }
    ms += d;
  }
  if (ms === Infinity) { for (;;) await a.sys.sleep(2 ** 31); }
  await a.sys.sleep(ms);
  return 0;
};

export const pwd: Applet = async (a) => {
  const p = a.args.includes('-P') ? a.sys.getcwd() : a.getenv('PWD') && a.getenv('PWD')!.startsWith('/') ? a.sys.getcwd() : a.sys.getcwd();
  await a.write(p + '\n');
  return 0;
};

export const basename: Applet = async (a) => {
  const args = a.args.filter((x) => x !== '--');
  if (args.length === 0) return missing(a);
  let b = bn(args[0]!);
  if (args[1] && b !== args[1] && b.endsWith(args[1])) b = b.slice(0, -args[1].length);
  await a.write(b + '\n');
  return 0;
};

export const dirname: Applet = async (a) => {
  const args = a.args.filter((x) => x !== '--');
  if (args.length === 0) return missing(a);
  for (const x of args) await a.write(dn(x) + '\n');
  return 0;
};

export async function missing(a: import('../libc/app.ts').App, usage = ''): Promise<number> {
  if (a.gnu) { await a.error('missing operand'); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
  await a.sys.write(2, `BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: ${a.name} ${usage}\n`);
  return 1;
}

export const hostname: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'sfiF:' }, '[-sfi] [HOSTNAME | -F FILE]');
  if (rest.length) {
    try { a.sys.sethostname(rest[0]!); } catch (e) {
      if (a.gnu) return a.perror(`you must be root to change the host name`, e).then(() => 1);
      return a.perror('sethostname', e);
    }
    return 0;
  }
  let h = a.sys.gethostname();
  if (o.has('s')) h = h.split('.')[0]!;
  if (o.has('i')) {
    // the addresses /etc/hosts gives the host name
    let hosts = '';
    try { hosts = await readFile(a.sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
    const ips = hosts.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).filter((f) => f.length > 1 && f.slice(1).includes(h)).map((f) => f[0]!);
    if (!ips.length) { await a.error(a.gnu ? 'Name or service not known' : `${h}: bad address`); return 1; }
    h = ips.join(' ') + (a.gnu ? ' ' : '');
  }
  await a.write(h + '\n');
  return 0;
};

export const whoami: Applet = async (a) => {
  const n = await Names.load(a.sys);
  const uid = a.sys.geteuid();
  const u = n.users.find((x) => x.uid === uid);
  if (!u) { await a.error(a.gnu ? `cannot find name for user ID ${uid}` : `unknown uid ${uid}`); return 1; }
  await a.write(u.name + '\n');
  return 0;
};

export const id: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'ugGnr' }, '[-ugGnr] [USER]');
  const n = await Names.load(a.sys);
  let uid = a.sys.geteuid(), gid = a.sys.getegid();
  let groups = a.sys.getgroups();
  if (rest[0] !== undefined) {
    const u = n.userByName(rest[0]) ?? (/^\d+$/.test(rest[0]) ? n.users.find((x) => x.uid === Number(rest[0])) : undefined);
    if (!u) { await a.error(a.gnu ? `${a.q(rest[0])}: no such user` : `unknown user ${rest[0]}`); return 1; }
    uid = u.uid; gid = u.gid;
    groups = [gid, ...n.groups.filter((g) => g.members.includes(u.name) && g.gid !== gid).map((g) => g.gid)];
  } else if (!groups.includes(gid)) groups = [gid, ...groups];
  else groups = [gid, ...groups.filter((g) => g !== gid)];
  const name = o.has('n');
  if (o.has('u')) { await a.write((name ? n.user(uid) : String(uid)) + '\n'); return 0; }
  if (o.has('g')) { await a.write((name ? n.group(gid) : String(gid)) + '\n'); return 0; }
  if (o.has('G')) { await a.write(groups.map((g) => (name ? n.group(g) : String(g))).join(' ') + '\n'); return 0; }
  // an id without a name in passwd/group prints bare: uid=1000 gid=1000
  const fmtU = (x: number): string => (n.users.some((u) => u.uid === x) ? `${x}(${n.user(x)})` : String(x));
  const fmtG = (x: number): string => (n.groups.some((g) => g.gid === x) ? `${x}(${n.group(x)})` : String(x));
  await a.write(`uid=${fmtU(uid)} gid=${fmtG(gid)} groups=${groups.map(fmtG).join(',')}\n`);
  return 0;
};

export const groups: Applet = async (a) => {
  const n = await Names.load(a.sys);
  let gs: number[];
  if (a.args[0]) {
    const u = n.userByName(a.args[0]);
    if (!u) { await a.error(a.gnu ? `${a.q(a.args[0])}: no such user` : `unknown user ${a.args[0]}`); return 1; }
    gs = [u.gid, ...n.groups.filter((g) => g.members.includes(u.name) && g.gid !== u.gid).map((g) => g.gid)];
    await a.write((a.gnu ? `${a.args[0]} : ` : '') + gs.map((g) => n.group(g)).join(' ') + '\n');
    return 0;
  }
  const gid = a.sys.getegid();
  gs = [gid, ...a.sys.getgroups().filter((g) => g !== gid)];
  await a.write(gs.map((g) => n.group(g)).join(' ') + '\n');
  return 0;
};

export const uname: Applet = async (a) => {
  const { o } = await a.opts({ short: 'asnrvmpio', long: { all: { key: 'a' }, 'kernel-name': { key: 's' }, nodename: { key: 'n' }, 'kernel-release': { key: 'r' }, 'kernel-version': { key: 'v' }, machine: { key: 'm' }, processor: { key: 'p' }, 'hardware-platform': { key: 'i' }, 'operating-system': { key: 'o' } } }, '[-amnrspvio]');
  const u = a.sys.uname();
  const all = o.has('a');
  const parts: string[] = [];
  if (all || o.has('s') || o.size === 0) parts.push(u.sysname);
  if (all || o.has('n')) parts.push(u.nodename);
  if (all || o.has('r')) parts.push(u.release);
  if (all || o.has('v')) parts.push(u.version);
  if (all || o.has('m')) parts.push(u.machine);
  // -p and -i are "unknown" on Linux and left out of -a
  if (!all && o.has('p')) parts.push('unknown');
  if (!all && o.has('i')) parts.push('unknown');
  if (all || o.has('o')) parts.push(a.gnu ? 'GNU/Linux' : 'Linux');
  await a.write(parts.join(' ') + '\n');
  return 0;
};

export const env: Applet = async (a) => {
  let i = 0;
  let vars = a.env.slice();
  const unset: string[] = [];
  for (; i < a.args.length; i++) {
    const s = a.args[i]!;
    if (s === '-i' || s === '-' || s === '--ignore-environment') { vars = []; continue; }
    if (s === '-u') { unset.push(a.args[++i] ?? ''); continue; }
    if (s === '--') { i++; break; }
    if (s.startsWith('-') && s.length > 1) {
      if (a.gnu) { await a.error(`invalid option -- '${s[1]}'`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 125; }
      await a.error(`unrecognized option: ${s[1]}`);
      return 1;
    }
    break;
  }
  vars = vars.filter((kv) => !unset.includes(kv.slice(0, kv.indexOf('='))));
  for (; i < a.args.length && a.args[i]!.includes('='); i++) {
    const kv = a.args[i]!;
    const k = kv.slice(0, kv.indexOf('='));
    vars = vars.filter((x) => !x.startsWith(k + '='));
    vars.push(kv);
  }
  if (i >= a.args.length) {
    await a.write(vars.map((v) => v + '\n').join(''));
    return 0;
  }
  const cmd = a.args.slice(i);
  const path = findInPath(a.sys, cmd[0]!, vars.find((v) => v.startsWith('PATH='))?.slice(5) ?? a.getenv('PATH') ?? '/usr/local/bin:/usr/bin:/bin');
  await a.out.flush();
  try {
    await a.sys.execve(path ?? cmd[0]!, cmd, vars);
  } catch (e) {
    if (!isSysError(e)) throw e;
    const code = e.errno === 2 ? 127 : 126;
    await a.error(a.gnu ? `${a.q(cmd[0]!)}: ${a.strerror(e.errno)}` : `can't execute '${cmd[0]}': ${a.strerror(e.errno)}`);
    return code;
  }
  return 0;
};

export function findInPath(sys: import('@dockersim/kernel').Sys, name: string, path: string): string | null {
  if (name.includes('/')) return name;
  for (const d of path.split(':')) {
    const f = `${d || '.'}/${name}`;
    try { if ((sys.stat(f).mode & S_IFMT) === 0o100000) { sys.access(f, 1); return f; } } catch (e) { if (!isSysError(e)) throw e; }
  }
  return null;
}

export const printenv: Applet = async (a) => {
  if (a.args.length === 0) { await a.write(a.env.map((v) => v + '\n').join('')); return 0; }
  let st = 0;
  for (const k of a.args) {
    const v = a.getenv(k);
    if (v === undefined) st = 1; else await a.write(v + '\n');
  }
  return st;
};

export const nproc: Applet = async (a) => {
  let n = 0;
  try {
    const t = await readFile(a.sys, '/sys/fs/cgroup/cpuset.cpus.effective');
    n = t.trim().split(',').reduce((s, r) => { const [x, y] = r.split('-'); return s + (y ? Number(y) - Number(x) + 1 : 1); }, 0);
  } catch (e) { if (!isSysError(e)) throw e; }
  if (!n) {
    try {
      const t = await readFile(a.sys, '/proc/cpuinfo');
      n = (t.match(/^processor/gm) ?? []).length;
    } catch (e) { if (!isSysError(e)) throw e; }
  }
  await a.write(`${n || 1}\n`);
  return 0;
};

export const seq: Applet = async (a) => {
  let sep = '\n', fmt: string | undefined, width = false;
  const args: string[] = [];
  for (let i = 0; i < a.args.length; i++) {
    const s = a.args[i]!;
    if (s === '-s') sep = a.args[++i] ?? '';
    else if (s === '-f') fmt = a.args[++i];
    else if (s === '-w') width = true;
    else args.push(s);
  }
  if (args.length === 0 || args.length > 3) return missing(a, '[-w] [-s SEP] [FIRST [INC]] LAST');
  for (const x of args) if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(x)) {
    await a.error(a.gnu ? `invalid floating point argument: ${a.q(x)}` : `invalid number '${x}'`);
    if (a.gnu) await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`);
    return 1;
  }
  const nums = args.map(Number);
  const first = args.length > 1 ? nums[0]! : 1;
  const inc = args.length === 3 ? nums[1]! : 1;
  const last = nums[nums.length - 1]!;
  const dec = Math.max(...args.slice(0, args.length === 3 ? 2 : 1).map((x) => (x.includes('.') ? x.split('.')[1]!.length : 0)), 0);
  const out: string[] = [];
  const w = width ? Math.max(first.toFixed(dec).length, last.toFixed(dec).length) : 0;
  for (let v = first, n = 0; inc > 0 ? v <= last + 1e-9 : v >= last - 1e-9; n++, v = first + n * inc) {
    if (inc === 0) break;
    let s = fmt ? printf(fmt, [String(v)], () => '').out : v.toFixed(dec);
    if (width) s = s.padStart(w, '0');
    out.push(s);
    if (out.length % 4096 === 0) { await a.write(out.join(sep) + sep); out.length = 0; }
  }
  if (out.length) await a.write(out.join(sep) + '\n');
  return 0;
};

export const test: Applet = async (a) => {
  let args = a.args;
  if (a.name === '[' || a.name === '[[') {
    const close = a.name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) { await a.error(a.gnu ? `missing '${close}'` : `missing ${close}`); return 2; }
    args = args.slice(0, -1);
  }
  try { return evalTest(a.sys, args, a.gnu ? 'gnu' : 'busybox') ? 0 : 1; } catch (e) {
    if (e instanceof TestError) { await a.error(e.message); return 2; }
    throw e;
  }
};

export const tty: Applet = async (a) => {
  try { await a.write(a.sys.ttyname(0) + '\n'); return 0; } catch (e) {
    if (!isSysError(e)) throw e;
    await a.write('not a tty\n');
    return 1;
  }
};

export const clear: Applet = async (a) => { await a.write(a.gnu ? '\x1b[H\x1b[2J\x1b[3J' : '\x1b[H\x1b[J'); return 0; };
export const reset: Applet = async (a) => { await a.write('\x1bc\x1b(B\x1b[m\x1b[J\x1b[?25h'); return 0; };

export { AppExit };
