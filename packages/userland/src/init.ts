// A minimal PID 1 for hosts and `docker run --init`-like use, in the manner of
// tini/dumb-init: runs its arguments (if any) as a child, reaps every orphan
// that is re-parented to it, forwards SIGTERM/SIGINT/SIGHUP to the child, and
// exits with the child's status; with no arguments it just reaps forever and
// exits on SIGTERM.

import { isSysError, EINTR, ECHILD, SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT, SIGCHLD } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';

export const init: Program = async ({ sys, argv, env }) => {
  const cmd = argv.slice(1);
  let child = -1;
  let term = false;
  const forward = (sig: number): void => {
    if (child > 0) { try { sys.kill(child, sig); } catch (e) { if (!isSysError(e)) throw e; } }
    else if (sig === SIGTERM || sig === SIGINT) term = true;
  };
  for (const s of [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT]) sys.sigaction(s, forward);
  // an orphan re-parented to us interrupts pause() so it gets reaped
  sys.sigaction(SIGCHLD, () => {});
  if (cmd.length) {
    const path = cmd[0]!.includes('/') ? cmd[0]! : findPath(sys, cmd[0]!, env);
    child = sys.clone({
      child: async (csys) => {
        for (const s of [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT]) csys.sigaction(s, 'default');
        try { await csys.execve(path, cmd, env); } catch (e) {
          if (!isSysError(e)) throw e;
          await csys.write(2, `init: exec ${cmd[0]} failed: ${e.errno === 2 ? 'No such file or directory' : 'Permission denied'}\n`);
          return e.errno === 2 ? 127 : 126;
        }
        return 0;
      },
    });
  }
  for (;;) {
    if (term) return 0;
    try {
      const r = await sys.wait4(-1, 0);
      if (r && r.pid === child) return r.status.signal ? 128 + r.status.signal : r.status.code ?? 0;
    } catch (e) {
      if (isSysError(e, EINTR)) continue;
      if (isSysError(e, ECHILD)) {
        // nothing to reap: wait for a signal (or a new orphan, which interrupts nothing: poll gently)
        try { await sys.pause(); } catch (e2) { if (!isSysError(e2)) throw e2; }
        continue;
      }
      throw e;
    }
  }
};

function findPath(sys: import('@dockersim/kernel').Sys, name: string, env: string[]): string {
  const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const d of path.split(':')) {
    try { sys.stat(`${d}/${name}`); return `${d}/${name}`; } catch (e) { if (!isSysError(e)) throw e; }
  }
  return name;
}
