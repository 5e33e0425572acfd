// How the shim runs runc (go-runc): clone + execve of /usr/bin/runc with
// containerd's global flags, the child's stdio given by the caller, and on
// failure the last error runc logged to log.json (getLastRuntimeError).

import { O_RDONLY, O_RDWR, O_CLOEXEC } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { RUNC_BINARY } from './protocol.ts';
import type { Reaper } from './reaper.ts';
import { exitCode } from './reaper.ts';

export interface RuncGlobals { root: string; log: string; systemdCgroup: boolean }

const RUNC_ENV: string[] = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** Runs `runc <globals> <args>`; stdio are fds for the child's 0, 1, 2 (-1: /dev/null). Resolves with its exit code. */
export async function runRunc(sys: Sys, reaper: Reaper, g: RuncGlobals, args: string[], stdio: [number, number, number] = [-1, -1, -1]): Promise<number> {
  const argv = ['runc', '--root', g.root, '--log', g.log, '--log-format', 'json'];
  if (g.systemdCgroup) argv.push('--systemd-cgroup');
  for (const a of args) argv.push(a);
  const pid = sys.clone({
    child: (s) => {
      let nul = -1;
      for (let i = 0; i < 3; i++) {
        let fd = stdio[i]!;
        if (fd < 0) fd = nul < 0 ? (nul = s.open('/dev/null', O_RDWR | O_CLOEXEC)) : nul;
        s.dup2(fd, i);
      }
      return s.execve(RUNC_BINARY, argv, RUNC_ENV);
    },
  });
  return exitCode(await reaper.wait(pid));
}

/** The msg of the last error-level line of runc's JSON log ('' when none). */
export async function lastRuntimeError(sys: Sys, log: string): Promise<string> {
  let text = '';
  try {
    const fd = sys.open(log, O_RDONLY | O_CLOEXEC);
    try {
      const dec = new TextDecoder();
      for (;;) { const b = await sys.read(fd); if (!b.length) break; text += dec.decode(b, { stream: true }); }
    } finally { sys.close(fd); }
  } catch { return ''; }
  let msg = '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const e = JSON.parse(line) as { level?: string; msg?: string };
      if (e.level === 'error' && e.msg) msg = e.msg;
    } catch { /* not a log line */ }
  }
  return msg;
}
