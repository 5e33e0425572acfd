// More small applets: tac, truncate, link, unlink, mknod, mountpoint, chroot,
// nologin, strings, cmp, diff (unified), install, unshare, nsenter, time.

import {
  isSysError, S_IFMT, S_IFDIR, S_IFIFO, S_IFCHR, S_IFBLK, O_RDONLY, ENOENT, EINTR,
  CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWCGROUP, MS_PRIVATE, MS_REC,
} from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, readFileBytes, text, writeFile } from '../libc/io.ts';
import { findInPath, missing } from './basic.ts';
import { errnoOf } from '../libc/errors.ts';
import { parseMode } from './files.ts';
import { basename, joinPath } from '../libc/path.ts';

async function lines(a: App, f: string): Promise<string[] | null> {
  let d: Uint8Array;
  try { d = f === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, f); } catch (e) { await a.perror(a.gnu ? `failed to open ${a.q(f)} for reading` : `can't open '${f}'`, e); return null; }
  const s = text(d);
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export const tac: Applet = async (a) => {
  let st = 0;
  for (const f of a.args.length ? a.args : ['-']) {
    const l = await lines(a, f);
    if (!l) { st = 1; continue; }
    await a.write(l.reverse().map((x) => x + '\n').join(''));
  }
  return st;
};

export const truncate: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 's:c', long: { size: { key: 's', arg: 'required' }, 'no-create': { key: 'c' } } }, '[-c] -s SIZE FILE...');
  const spec = o.get('s');
  if (typeof spec !== 'string') { await a.error(a.gnu ? "you must specify either '--size' or '--reference'" : 'missing -s'); return 1; }
  const m = /^([-+]?)(\d+)([KMG]?)$/.exec(spec);
  if (!m) { await a.error(`invalid number ${a.q(spec)}`); return 1; }
  const n = Number(m[2]) * ({ '': 1, K: 1024, M: 1048576, G: 1073741824 }[m[3] as ''] ?? 1);
  let st = 0;
  for (const f of rest) {
    try {
      let size = n;
      if (m[1]) { let cur = 0; try { cur = a.sys.stat(f).size; } catch (e) { errnoOf(e); } size = m[1] === '+' ? cur + n : Math.max(0, cur - n); }
      try { a.sys.truncate(f, size); } catch (e) {
        if (errnoOf(e) !== ENOENT || o.has('c')) throw e;
        await writeFile(a.sys, f, '');
        a.sys.truncate(f, size);
      }
    } catch (e) { st = 1; await a.perror(a.gnu ? `cannot open ${a.q(f)} for writing` : `${f}`, e); }
  }
  return st;
};

export const link: Applet = async (a) => {
  if (a.args.length !== 2) return missing(a, 'FILE LINK');
  try { a.sys.link(a.args[0]!, a.args[1]!); } catch (e) { return a.perror(a.gnu ? `cannot create link ${a.q(a.args[1]!)} to ${a.q(a.args[0]!)}` : `cannot create link ${a.args[1]} to ${a.args[0]}`, e); }
  return 0;
};

export const unlink: Applet = async (a) => {
  if (a.args.length !== 1) return missing(a, 'FILE');
  try { a.sys.unlink(a.args[0]!); } catch (e) { return a.perror(a.gnu ? `cannot unlink ${a.q(a.args[0]!)}` : `can't remove file '${a.args[0]}'`, e); }
  return 0;
};

export const mknod: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'm:' }, '[-m MODE] NAME TYPE [MAJOR MINOR]');
  const [name, type, maj, min] = rest;
  if (!name || !type) return missing(a, '[-m MODE] NAME TYPE [MAJOR MINOR]');
  const kind = type === 'p' ? S_IFIFO : type === 'b' ? S_IFBLK : type === 'c' || type === 'u' ? S_IFCHR : 0;
  if (!kind) return missing(a, '[-m MODE] NAME TYPE [MAJOR MINOR]');
  const mode = typeof o.get('m') === 'string' ? parseInt(o.get('m') as string, 8) : 0o666;
  const dev = kind === S_IFIFO ? 0 : ((Number(maj) & 0xfff) << 8) | (Number(min) & 0xff);
  try { a.sys.mknod(name, kind | mode, dev); } catch (e) { return a.perror(a.gnu ? name : name, e); }
  return 0;
};

export const mountpoint: Applet = async (a) => {
  const quiet = a.args.includes('-q');
  const p = a.args.filter((x) => !x.startsWith('-'))[0];
  if (!p) return missing(a, '[-q] DIR');
  let st, parent;
  try { st = a.sys.stat(p); parent = a.sys.stat(joinPath(p, '..')); } catch (e) {
    if (!quiet) await a.perror(a.gnu ? `${p}` : p, e);
    return 1;
  }
  const is = (st.mode & S_IFMT) === S_IFDIR && (st.dev !== parent.dev || st.ino === parent.ino);
  if (!quiet) await a.write(`${p} is ${is ? '' : 'not '}a mountpoint\n`);
  return is ? 0 : 32;
};

async function execArgs(a: App, argv: string[], sys: Sys = a.sys): Promise<number> {
  const path = findInPath(sys, argv[0]!, a.getenv('PATH') ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin');
  await a.out.flush();
  try { await sys.execve(path ?? argv[0]!, argv, a.env); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `${a.prog}: ${a.gnu ? `failed to execute ${argv[0]}` : `can't execute '${argv[0]}'`}: ${a.strerror(e.errno)}\n`);
    return e.errno === ENOENT ? 127 : 126;
  }
  return 0;
}

export const chroot: Applet = async (a) => {
  if (a.args.length === 0) return missing(a, 'NEWROOT [PROG ARGS]');
  try { a.sys.chroot(a.args[0]!); a.sys.chdir('/'); } catch (e) {
    return a.perror(a.gnu ? `cannot change root directory to ${a.q(a.args[0]!)}` : `can't change root directory to '${a.args[0]}'`, e).then(() => a.gnu ? 125 : 1);
  }
  const argv = a.args.length > 1 ? a.args.slice(1) : [a.getenv('SHELL') || '/bin/sh', '-i'];
  return execArgs(a, argv);
};

export const nologin: Applet = async (a) => {
  await a.write('This account is not available\n');
  return 1;
};

export const strings: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'n:afo' }, '[-fo] [-t o|d|x] [-n LEN] [FILE]...');
  const min = Number(o.get('n') ?? 4);
  let out = '';
  for (const f of rest.length ? rest : ['-']) {
    let d: Uint8Array;
    try { d = f === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, f); } catch (e) { await a.perror(f, e); continue; }
    let cur = '';
    for (const b of d) {
      if (b >= 32 && b < 127 || b === 9) { cur += String.fromCharCode(b); continue; }
      if (cur.length >= min) out += cur + '\n';
      cur = '';
    }
    if (cur.length >= min) out += cur + '\n';
  }
  await a.write(out);
  return 0;
};

export const cmp: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'ls' }, '[-ls] FILE1 [FILE2]');
  if (rest.length < 1) return missing(a, '[-ls] FILE1 [FILE2]');
  const f1 = rest[0]!, f2 = rest[1] ?? '-';
  let d1: Uint8Array, d2: Uint8Array;
  try { d1 = f1 === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, f1); } catch (e) { await a.perror(f1, e); return 2; }
  try { d2 = f2 === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, f2); } catch (e) { await a.perror(f2, e); return 2; }
  let line = 1;
  const n = Math.min(d1.length, d2.length);
  for (let i = 0; i < n; i++) {
    if (d1[i] !== d2[i]) {
      if (!o.has('s')) await a.write(`${f1} ${f2} differ: ${a.gnu ? 'byte' : 'char'} ${i + 1}, line ${line}\n`);
      return 1;
    }
    if (d1[i] === 10) line++;
  }
  if (d1.length !== d2.length) {
    if (!o.has('s')) await a.error(`EOF on ${d1.length < d2.length ? f1 : f2}${a.gnu ? ` after byte ${n}, line ${line - (n && (d1.length < d2.length ? d1 : d2)[n - 1] === 10 ? 1 : 0)}` : ''}`);
    return 1;
  }
  return 0;
};

/** Longest-common-subsequence line diff, printed as a unified diff with 3 lines of context. */
export const diff: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'uqbwiU:N', long: { brief: { key: 'q' } } }, '[-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2');
  if (rest.length !== 2) return missing(a, '[-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2').then(() => 2);
  const [f1, f2] = rest as [string, string];
  const A = await lines(a, f1), B = await lines(a, f2);
  if (!A || !B) return 2;
  const norm = (s: string): string => (o.has('w') ? s.replace(/\s+/g, '') : o.has('b') ? s.replace(/\s+/g, ' ').trimEnd() : s) + '';
  const eq = (x: string, y: string): boolean => (o.has('i') ? norm(x).toLowerCase() === norm(y).toLowerCase() : norm(x) === norm(y));
  const n = A.length, m = B.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = eq(A[i]!, B[j]!) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const ops: Array<{ t: ' ' | '-' | '+'; s: string; i: number; j: number }> = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(A[i]!, B[j]!)) { ops.push({ t: ' ', s: A[i]!, i, j }); i++; j++; }
    else if (i < n && (j >= m || L[i + 1]![j]! >= L[i]![j + 1]!)) { ops.push({ t: '-', s: A[i]!, i, j }); i++; }
    else { ops.push({ t: '+', s: B[j]!, i, j }); j++; }
  }
  if (ops.every((x) => x.t === ' ')) return 0;
  if (o.has('q')) { await a.write(a.gnu ? `Files ${f1} and ${f2} differ\n` : `Files ${f1} and ${f2} differ\n`); return 1; }
  const ctx = Number(o.get('U') ?? 3);
  let out = `--- ${f1}\n+++ ${f2}\n`;
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.t === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - ctx);
    let end = k;
    for (;;) {
      while (end < ops.length && ops[end]!.t !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.t === ' ') next++;
      if (next < ops.length && next - end <= 2 * ctx) { end = next; continue; }
      end = Math.min(ops.length, end + ctx);
      break;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0]!.i, bStart = hunk[0]!.j;
    const aLen = hunk.filter((x) => x.t !== '+').length, bLen = hunk.filter((x) => x.t !== '-').length;
    const range = (s: number, l: number): string => (l === 1 ? `${s + 1}` : `${l === 0 ? s : s + 1},${l}`);
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n`;
    for (const x of hunk) out += x.t + x.s + '\n';
    k = end;
    start = end;
  }
  await a.write(out);
  return 1;
};

export const install: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'dm:o:g:Dcs', long: { directory: { key: 'd' }, mode: { key: 'm', arg: 'required' } } }, '[-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST');
  const mode = typeof o.get('m') === 'string' ? parseMode(o.get('m') as string, 0o755, false, 0) ?? 0o755 : 0o755;
  const mkdirs = (p: string): void => {
    let cur = p.startsWith('/') ? '' : '.';
    for (const part of p.split('/').filter(Boolean)) {
      cur = cur === '.' ? part : `${cur}/${part}`;
      try { a.sys.mkdir(cur, 0o755); } catch (e) { if (errnoOf(e) !== 17) throw e; }
    }
  };
  try {
    if (o.has('d')) { for (const d of rest) { mkdirs(d); a.sys.chmod(d, mode); } return 0; }
    if (rest.length < 2) return missing(a, '[-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST');
    const dest = rest[rest.length - 1]!;
    if (o.has('D')) mkdirs(dest.slice(0, dest.lastIndexOf('/')) || '.');
    let intoDir = false;
    try { intoDir = (a.sys.stat(dest).mode & S_IFMT) === S_IFDIR; } catch (e) { errnoOf(e); }
    for (const src of rest.slice(0, -1)) {
      const target = intoDir ? joinPath(dest, basename(src)) : dest;
      const data = await readFileBytes(a.sys, src);
      try { a.sys.unlink(target); } catch (e) { errnoOf(e); }
      await writeFile(a.sys, target, data, { mode });
      a.sys.chmod(target, mode);
    }
  } catch (e) { return a.perror(a.gnu ? 'cannot install' : 'install', e); }
  return 0;
};

const NS_FLAGS: Record<string, number> = { m: CLONE_NEWNS, u: CLONE_NEWUTS, i: CLONE_NEWIPC, n: CLONE_NEWNET, p: CLONE_NEWPID, U: CLONE_NEWUSER, C: CLONE_NEWCGROUP };

export const unshare: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: '+muinpUCfr', long: { mount: { key: 'm' }, uts: { key: 'u' }, ipc: { key: 'i' }, net: { key: 'n' }, pid: { key: 'p' }, user: { key: 'U' }, cgroup: { key: 'C' }, fork: { key: 'f' }, 'mount-proc': { key: 'P', arg: 'optional' }, 'map-root-user': { key: 'r' } }, stopAtOperand: true }, '[OPTIONS] [PROG ARGS]');
  let flags = 0;
  for (const [k, f] of Object.entries(NS_FLAGS)) if (o.has(k)) flags |= f;
  if (o.has('P')) flags |= CLONE_NEWNS;
  const argv = rest.length ? rest : [a.getenv('SHELL') || '/bin/sh'];
  const mountProc = async (sys: Sys): Promise<void> => {
    if (!o.has('P')) return;
    const target = typeof o.get('P') === 'string' ? (o.get('P') as string) : '/proc';
    sys.mount('none', '/', '', MS_REC | MS_PRIVATE);
    sys.mount('proc', target, 'proc', 0);
  };
  if (o.has('f') || (flags & CLONE_NEWPID)) {
    if (!o.has('f')) {
      // without --fork the next child of this process is PID 1 of the new namespace
      try { a.sys.unshare(flags); } catch (e) { return a.perror('unshare failed', e); }
      return execArgs(a, argv);
    }
    let pid: number;
    try {
      pid = a.sys.clone({ flags, child: async (csys) => { try { await mountProc(csys); } catch (e) { await csys.write(2, `${a.prog}: mount ${o.get('P') || '/proc'} failed: ${a.strerror(errnoOf(e))}\n`); return 1; } return execArgs(a, argv, csys); } });
    } catch (e) { return a.perror('unshare failed', e); }
    for (;;) {
      try { const r = await a.sys.wait4(pid, 0); return r ? (r.status.signal ? 128 + r.status.signal : r.status.code ?? 0) : 0; } catch (e) { if (!isSysError(e, EINTR)) throw e; }
    }
  }
  try { a.sys.unshare(flags); await mountProc(a.sys); } catch (e) { return a.perror('unshare failed', e); }
  return execArgs(a, argv);
};

export const nsenter: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: '+t:muinpUCaFr::w::', long: { target: { key: 't', arg: 'required' }, mount: { key: 'm' }, uts: { key: 'u' }, ipc: { key: 'i' }, net: { key: 'n' }, pid: { key: 'p' }, user: { key: 'U' }, cgroup: { key: 'C' }, all: { key: 'a' } }, stopAtOperand: true }, '[OPTIONS] [PROG ARGS]');
  const target = o.get('t');
  if (typeof target !== 'string') { await a.error(a.gnu ? 'neither filename nor target pid supplied for ns/mnt' : 'no target'); return 1; }
  const names: Array<[string, string]> = [['C', 'cgroup'], ['i', 'ipc'], ['u', 'uts'], ['n', 'net'], ['p', 'pid'], ['m', 'mnt']];
  const fds: Array<[string, number]> = [];
  for (const [k, ns] of names) {
    if (!o.has(k) && !o.has('a')) continue;
    try { fds.push([ns, a.sys.open(`/proc/${target}/ns/${ns}`, O_RDONLY)]); } catch (e) { return a.perror(`cannot open /proc/${target}/ns/${ns}`, e); }
  }
  // setns(2) into a mount namespace already moves root and cwd to its root;
  // -r/-w set them to the target's own (util-linux opens them only when asked)
  let root = -1, cwd = -1;
  try {
    if (o.has('r')) root = a.sys.open(typeof o.get('r') === 'string' ? (o.get('r') as string) : `/proc/${target}/root`, O_RDONLY);
    if (o.has('w')) cwd = a.sys.open(typeof o.get('w') === 'string' ? (o.get('w') as string) : `/proc/${target}/cwd`, O_RDONLY);
  } catch (e) { errnoOf(e); }
  for (const [ns, fd] of fds) {
    try { a.sys.setns(fd, 0); } catch (e) { return a.perror(`reassociate to namespace 'ns/${ns}' failed`, e); }
    a.sys.close(fd);
  }
  if (root >= 0) { try { a.sys.fchdir(root); a.sys.chroot('.'); } catch (e) { errnoOf(e); } a.sys.close(root); }
  if (cwd >= 0) { try { a.sys.fchdir(cwd); } catch (e) { errnoOf(e); } a.sys.close(cwd); }
  const argv = rest.length ? rest : [a.getenv('SHELL') || '/bin/sh'];
  if (fds.some(([ns]) => ns === 'pid')) {
    // entering a pid namespace applies to children: fork, as nsenter does
    const pid = a.sys.clone({ child: (csys) => execArgs(a, argv, csys) });
    for (;;) {
      try { const r = await a.sys.wait4(pid, 0); return r ? (r.status.signal ? 128 + r.status.signal : r.status.code ?? 0) : 0; } catch (e) { if (!isSysError(e, EINTR)) throw e; }
    }
  }
  return execArgs(a, argv);
};

export const time: Applet = async (a) => {
  if (a.args.length === 0) return missing(a, '[-vpa] [-o FILE] PROG ARGS');
  const t0 = a.sys.uptime();
  const argv = a.args.filter((x, i) => !(i === 0 && x === '-p'));
  const pid = a.sys.clone({ child: (csys) => execArgs(a, argv, csys) });
  let code = 0;
  for (;;) {
    try { const r = await a.sys.wait4(pid, 0); code = r ? (r.status.signal ? 128 + r.status.signal : r.status.code ?? 0) : 0; break; } catch (e) { if (!isSysError(e, EINTR)) throw e; }
  }
  const secs = (a.sys.uptime() - t0) / 1000;
  const m = Math.floor(secs / 60);
  await a.sys.write(2, a.gnu
    ? `${(0).toFixed(2)}user ${(0).toFixed(2)}system ${m}:${(secs % 60).toFixed(2).padStart(5, '0')}elapsed 0%CPU (0avgtext+0avgdata 0maxresident)k\n0inputs+0outputs (0major+0minor)pagefaults 0swaps\n`
    : `real\t${m}m ${(secs % 60).toFixed(2)}s\nuser\t0m 0.00s\nsys\t0m 0.00s\n`);
  return code;
};
