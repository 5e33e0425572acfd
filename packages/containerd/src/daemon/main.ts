// containerd: listens on /run/containerd/containerd.sock (one request per
// connection, or a long-lived events subscription), keeps container records
// per namespace and a shim per task. On start it reconnects to shims that
// outlived a previous containerd.

import { AF_UNIX, SOCK_SEQPACKET, ENOENT, EEXIST, isSysError, SIGPIPE, SIGTERM, SIGINT, EINTR, SA_RESTART } from '@dockersim/kernel';
import type { ProcessContext, Program, Sys } from '@dockersim/kernel';
import type { Envelope, RpcRequest, RpcResponse } from '../api.ts';
import { CONTAINERD_SOCKET } from '../api.ts';
import { errorResponse } from '../errors.ts';
import { Services } from './services.ts';
import { TASK_ROOT, SOCKET_ROOT } from '../shim/protocol.ts';
import { daemonLog, sdNotify } from './golog.ts';

export const CONTAINERD_VERSION = 'v1.7.27';

const CONTAINERD_REVISION = '05044ec0a9a75232cad458027ca83437aae3f4da';

export const containerd: Program = async ({ sys, argv, env }: ProcessContext) => {
  // As a Go program: a peer that went away is an EPIPE, not a fatal SIGPIPE.
  sys.sigaction(SIGPIPE, 'ignore');
  if (argv.includes('--version') || argv.includes('-v')) {
    await sys.write(1, `containerd containerd.io ${CONTAINERD_VERSION} ${CONTAINERD_REVISION}\n`);
    return 0;
  }
  const started = sys.uptime();
  // SIGTERM (systemctl stop) ends the accept loop; the shims keep running
  let terminate!: () => void;
  const terminated = new Promise<null>((r) => { terminate = () => r(null); });
  for (const sig of [SIGTERM, SIGINT]) sys.sigaction(sig, () => terminate(), SA_RESTART);
  await daemonLog(sys, 'info', 'starting containerd', { revision: CONTAINERD_REVISION, version: CONTAINERD_VERSION });
  for (const d of ['/run/containerd', SOCKET_ROOT, '/run/containerd/io.containerd.runtime.v2.task', TASK_ROOT + '/moby', '/var/lib/containerd']) {
    try { sys.mkdir(d, 0o711); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
  const lfd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  sys.setCloexec(lfd, true);
  try { sys.unlink(CONTAINERD_SOCKET); } catch (e) { if (!isSysError(e, ENOENT)) throw e; }
  sys.bind(lfd, { path: CONTAINERD_SOCKET });
  sys.listen(lfd, 4096);
  const services = new Services(sys);
  await services.recover();
  await daemonLog(sys, 'info', 'serving...', { address: `${CONTAINERD_SOCKET}.ttrpc` });
  await daemonLog(sys, 'info', 'serving...', { address: CONTAINERD_SOCKET });
  await daemonLog(sys, 'info', `containerd successfully booted in ${((sys.uptime() - started) / 1000 + 0.012345).toFixed(6)}s`);
  await sdNotify(sys, env, 'READY=1');
  for (;;) {
    let fd: number | null;
    try { fd = await Promise.race([sys.accept(lfd), terminated]); } catch (e) {
      if (isSysError(e, EINTR)) continue;
      return 1;
    }
    if (fd === null) return 0;
    sys.setCloexec(fd, true);
    void serveConn(sys, services, fd);
  }
};

async function serveConn(sys: Sys, services: Services, fd: number): Promise<void> {
  const req = (await sys.recvmsg(fd).catch(() => null)) as RpcRequest | null;
  if (!req) { sys.close(fd); return; }
  if (req.service === 'events' && req.method === 'Subscribe') return subscribe(sys, services, fd, req);
  let res: RpcResponse;
  sys.traceMarker('containerd', `${req.service}.${req.method}`, { namespace: req.namespace });
  try { res = { ok: true, res: await services.call(req.namespace || 'default', req.service, req.method, req.req) }; } catch (e) {
    res = errorResponse(e);
  }
  try { await sys.sendmsg(fd, res); } catch { /* client gone */ }
  try { sys.close(fd); } catch { /* closed */ }
}

async function subscribe(sys: Sys, services: Services, fd: number, req: RpcRequest): Promise<void> {
  const ns = req.namespace;
  let open = true;
  const send = (e: Envelope) => {
    if (!open || (ns && e.namespace !== ns)) return;
    sys.sendmsg(fd, e).catch(() => { close(); });
  };
  const close = () => {
    if (!open) return;
    open = false;
    services.subscribers.delete(send);
    try { sys.close(fd); } catch { /* closed */ }
  };
  services.subscribers.add(send);
  await sys.sendmsg(fd, { ok: true } satisfies RpcResponse);
  // the client ends the subscription by closing
  await sys.recvmsg(fd).catch(() => null);
  close();
}
