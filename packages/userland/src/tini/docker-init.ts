// docker-init: tini 0.19.0 as Docker ships it (static, built MINIMAL, so
// messages carry no "[FATAL tini (N)]" prefix). `docker run --init` bind-mounts
// it at /sbin/docker-init and makes it PID 1: it starts the command as its
// child in a process group of its own (the terminal's foreground group when
// there is one), forwards every signal it gets to that child, reaps any
// orphan re-parented to it, and exits with the child's status (128+signal
// when the child was killed).

import { isSysError, EINTR, ECHILD, ENOENT, EACCES, SIGCHLD, SIGKILL, SIGSTOP, SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGSYS, SIGTTIN, SIGTTOU } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';

export const TINI_VERSION = 'tini version 0.19.0 - git.de40ad0';

/** Signals tini leaves alone: synchronous faults, job control from the tty, and the two it cannot catch. */
const UNTOUCHED = new Set([SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGSYS, SIGTTIN, SIGTTOU, SIGKILL, SIGSTOP, SIGCHLD]);

const USAGE = (name: string) => `${TINI_VERSION}
Usage: ${name} [OPTIONS] PROGRAM -- [ARGS] | --version

Execute a program under the supervision of a valid init process (${name})

Command line options:

  --version: Show version and exit.
  -h: Show this help message and exit.
  -s: Register as a process subreaper (requires Linux >= 3.4).
  -p SIGNAL: Trigger SIGNAL when parent dies, e.g. "-p SIGKILL".
  -v: Generate more verbose output. Repeat up to 3 times.
  -w: Print a warning when processes are getting reaped.
  -g: Send signals to the child's process group.
  -e EXIT_CODE: Remap EXIT_CODE (from 0 to 255) to 0.
  -l: Show license and exit.

`;

export const dockerInit: Program = async ({ sys, argv, env }) => {
  const name = argv[0] ?? 'docker-init';
  let i = 1;
  let group = false, subreaper = false;
  const remap = new Set<number>();
  if (argv[1] === '--version') { await sys.write(1, TINI_VERSION + '\n'); return 0; }
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-h') { await sys.write(1, USAGE(name)); return 0; }
    else if (a === '-g') group = true;
    else if (a === '-s') subreaper = true;
    else if (a === '-e' && argv[i + 1] !== undefined) remap.add(Number(argv[++i]));
    else if (a === '-v' || a === '-vv' || a === '-vvv' || a === '-w') { /* quiet in MINIMAL builds */ }
    else { await sys.write(2, USAGE(name)); return 1; }
  }
  const cmd = argv.slice(i);
  if (!cmd.length) { await sys.write(2, USAGE(name)); return 1; }
  if (subreaper) sys.prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1);
  if (sys.getpid() !== 1 && !subreaper) {
    await sys.write(2, 'Tini is not running as PID 1 and isn\'t registered as a child subreaper.\nZombie processes will not be re-parented to Tini, so zombie reaping won\'t work.\nTo fix the problem, use the -s option or set the environment variable TINI_SUBREAPER to register Tini as a child subreaper, or run Tini as PID 1.\n');
  }

  let child = -1;
  const pending: number[] = [];
  const forward = (sig: number): void => {
    if (child <= 0) { pending.push(sig); return; }
    try { sys.kill(group ? -child : child, sig); } catch (e) { if (!isSysError(e)) throw e; }
  };
  for (let s = 1; s < 32; s++) if (!UNTOUCHED.has(s)) sys.sigaction(s, forward);
  // a re-parented orphan's exit wakes the reaping loop below
  sys.sigaction(SIGCHLD, () => {});

  child = sys.clone({
    child: async (c) => {
      for (let s = 1; s < 32; s++) if (s !== SIGKILL && s !== SIGSTOP) c.sigaction(s, 'default');
      isolate(c);
      try { await c.execve(lookPath(c, cmd[0]!, env), cmd, env); } catch (e) {
        if (!isSysError(e)) throw e;
        const why = e.errno === ENOENT ? 'No such file or directory' : e.errno === EACCES ? 'Permission denied' : 'Exec format error';
        await c.write(2, `exec ${cmd[0]} failed: ${why}\n`);
        return e.errno === ENOENT ? 127 : e.errno === EACCES ? 126 : 1;
      }
      return 0;
    },
  });
  for (const s of pending.splice(0)) forward(s);

  for (;;) {
    try {
      const r = await sys.wait4(-1, 0);
      if (r && r.pid === child) {
        const code = r.status.signal ? 128 + r.status.signal : r.status.code ?? 0;
        return remap.has(code) ? 0 : code;
      }
    } catch (e) {
      if (isSysError(e, EINTR)) continue;
      if (isSysError(e, ECHILD)) { try { await sys.pause(); } catch (e2) { if (!isSysError(e2)) throw e2; } continue; }
      throw e;
    }
  }
};

/** isolate_child: its own process group, in the foreground of the terminal if there is one. */
function isolate(c: Sys): void {
  try { c.setpgid(0, 0); } catch { /* already a leader */ }
  try { if (c.isatty(0)) c.tcsetpgrp(0, c.getpid()); } catch { /* no controlling terminal */ }
}

function lookPath(sys: Sys, name: string, env: string[]): string {
  if (name.includes('/')) return name;
  const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const d of path.split(':')) {
    try { sys.stat(`${d}/${name}`); return `${d}/${name}`; } catch (e) { if (!isSysError(e)) throw e; }
  }
  return name;
}
