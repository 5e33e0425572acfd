// The dockerd program: serves the Engine API on /var/run/docker.sock, one
// connection per request, each answered by the shared routes.

import { AF_UNIX, EINTR, SA_RESTART, SIGINT, SIGPIPE, SIGTERM, SOCK_SEQPACKET, isSysError, type Program, type Sys } from '@dockersim/kernel';
import { sdNotify } from '@dockersim/containerd';
import { DOCKER_SOCKET, handle, readSocketRequest, writeSocketResponse, errorResponse } from '@dockersim/engine-api';
import { Daemon, type DaemonOptions } from './daemon.ts';
import { logStartup, shutdown } from './shutdown.ts';
import { restoreDaemon } from './persist/restore.ts';

/** Makes the dockerd program; `onReady` gets the daemon (for introspection) once it listens. */
export function makeDockerd(opts: DaemonOptions, onReady?: (d: Daemon) => void): Program {
  return async ({ sys, env }) => {
    // Go programs see EPIPE on a socket whose client left, not a fatal SIGPIPE.
    sys.sigaction(SIGPIPE, 'ignore');
    let terminate!: () => void;
    const terminated = new Promise<null>((r) => { terminate = () => r(null); });
    for (const sig of [SIGTERM, SIGINT]) sys.sigaction(sig, () => terminate(), SA_RESTART);
    const daemon = new Daemon(sys, opts);
    await daemon.init();
    await restoreDaemon(daemon);
    const lfd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    try { sys.unlink(DOCKER_SOCKET); } catch { /* none */ }
    sys.bind(lfd, { path: DOCKER_SOCKET });
    sys.chmod(DOCKER_SOCKET, 0o660);
    sys.listen(lfd, 128);
    await logStartup(sys);
    onReady?.(daemon);
    await sdNotify(sys, env, 'READY=1');
    for (;;) {
      let fd: number | null;
      try { fd = await Promise.race([sys.accept(lfd), terminated]); } catch (e) {
        if (isSysError(e, EINTR)) continue;
        throw e;
      }
      if (fd === null) { await shutdown(sys, daemon); return 0; }
      void serve(sys, daemon, fd);
    }
  };
}

async function serve(sys: Sys, daemon: Daemon, fd: number): Promise<void> {
  try {
    const req = await readSocketRequest(sys, fd);
    if (!req) { sys.close(fd); return; }
    let res;
    sys.traceMarker('dockerd', `handler ${req.method} ${req.path}`);
    try { res = await handle(daemon, req); } catch (e) { res = errorResponse(e); }
    sys.traceMarker('dockerd', `response ${res.status} ${req.method} ${req.path}`);
    await writeSocketResponse(sys, fd, res);
  } catch {
    try { sys.close(fd); } catch { /* closed */ }
  }
}
