// This file implements execve(2) (Linux's fs/exec.c with binfmt_script) and
// the runner of program images. The executable is resolved through the VFS
// with execute permission; its bytes name a registered program (see
// exec-format.ts) or start with "#!", in which case the interpreter runs with
// the script's path appended, as Linux does. After the point of no return
// the old program is abandoned (its pending calls never settle), handlers are
// reset to default (ignored signals stay ignored) and close-on-exec fds close.
//
// A program that returns n exits with n & 255. One that throws anything but
// the exit unwind (a SysError it did not handle, or a bug) exits with status
// 1 and, when tracing, leaves a "crash" event with the error's text.

import { EACCES, ELOOP, ENOEXEC, ENOENT, SysError } from '../abi/errno.ts';
import { O_RDONLY, S_IFMT, S_IFREG, X_OK } from '../abi/flags.ts';
import type { LazyProgram, Program, ProcessContext, Sys } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from './proc.ts';
import { programName } from '../exec-format.ts';
import { drop, never } from '../sched/wait.ts';
import { closeOnExec } from './fdtable.ts';
import { doExit, UNWIND } from './exit.ts';
import { SysImpl } from '../syscalls/table.ts';
import { isLazyProgram } from './program-load.ts';

const MAX_INTERP_DEPTH = 4;

interface Image { program: Program | LazyProgram; argv: string[]; exe: string }

/** Finds what execve would run. @throws ENOENT, EACCES, ENOEXEC, ELOOP */
export function loadImage(k: Kernel, p: Proc, path: string, argv: string[], depth = 0): Image {
  if (path === '') throw new SysError(ENOENT);
  const st = k.vfs.stat(p.fs, path);
  if ((st.mode & S_IFMT) !== S_IFREG) throw new SysError(EACCES);
  k.vfs.access(p.fs, path, X_OK); // fs.cred holds the effective ids, which exec checks
  const bytes = readHead(k, p, path);
  const name = programName(bytes);
  if (name !== undefined) {
    const program = k.programs(name);
    if (!program) throw new SysError(ENOEXEC);
    return { program, argv, exe: absolute(k, p, path) };
  }
  if (bytes[0] === 0x23 && bytes[1] === 0x21) {
    if (depth >= MAX_INTERP_DEPTH) throw new SysError(ELOOP);
    let line = new TextDecoder().decode(bytes.subarray(2, Math.min(bytes.length, 256)));
    const nl = line.indexOf('\n');
    if (nl >= 0) line = line.slice(0, nl);
    line = line.replace(/[ \t\r]+$/, '').replace(/^[ \t]+/, '');
    if (!line) throw new SysError(ENOEXEC);
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? '' : line.slice(sp).replace(/^[ \t]+/, '');
    const nargv = arg ? [interp, arg, path, ...argv.slice(1)] : [interp, path, ...argv.slice(1)];
    return loadImage(k, p, interp, nargv, depth + 1);
  }
  throw new SysError(ENOEXEC);
}

function readHead(k: Kernel, p: Proc, path: string): Uint8Array {
  const f = k.vfs.open(p.fs, path, O_RDONLY);
  f.refs++;
  try {
    const r = f.read(256);
    if (r instanceof Promise) throw new SysError(ENOEXEC);
    return r;
  } finally {
    if (--f.refs === 0) f.release();
  }
}

function absolute(k: Kernel, p: Proc, path: string): string {
  if (path.startsWith('/')) return path;
  const cwd = k.vfs.getcwd(p.fs);
  return cwd === '/' ? '/' + path : cwd + '/' + path;
}

/** execve(2): replaces p's program. Never settles on success. */
export function execve(k: Kernel, p: Proc, path: string, argv: string[], env: string[]): Promise<never> {
  const img = loadImage(k, p, path, argv);
  // point of no return
  if (p.sys.dead) return never();
  for (const s of p.takeSleepers()) drop(s);
  p.yieldResume = null;
  closeOnExec(p);
  p.sigRestart = 0;
  if (p.actions) {
    const a = p.actions;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'function') a[i] = undefined;
  }
  p.argv = img.argv;
  p.env = env;
  p.exe = img.exe;
  const base = path.slice(path.lastIndexOf('/') + 1);
  p.comm = base.slice(0, 15);
  if (k.trace) k.emit(p.pid, 'execve', { path, argv: img.argv.slice() });
  startImage(k, p, imageBody(k, p, img.program, img.argv, env));
  return never();
}

/**
 * What runs in p for a registry entry: the program, once its code has
 * arrived (see program-load.ts; code the host has runs at once).
 */
export function imageBody(k: Kernel, p: Proc, entry: Program | LazyProgram, argv: string[], env: string[]): (sys: Sys) => Promise<number> | number {
  const ctx = (sys: Sys): ProcessContext => ({ sys, argv, env });
  if (!isLazyProgram(entry)) return (sys) => entry(ctx(sys));
  const program = entry.loaded()?.value;
  if (program) return (sys) => program(ctx(sys));
  return async (sys) => (await k.pager.pageIn(p, entry))(ctx(sys));
}

/** Runs body as p's program image (after clone or execve). */
export function startImage(k: Kernel, p: Proc, body: (sys: Sys) => Promise<number> | number): void {
  if (p.sys) p.sys.dead = true;
  const sys = new SysImpl(k, p);
  p.sys = sys;
  Promise.resolve(sys).then(body).then(
    (code) => { if (!sys.dead) doExit(k, p, { code: (Number(code) | 0) & 255, signal: null }); },
    (e) => {
      if (e === UNWIND || sys.dead) return;
      try { k.crashed(p, e); } finally { doExit(k, p, { code: 1, signal: null }); }
    },
  );
}
