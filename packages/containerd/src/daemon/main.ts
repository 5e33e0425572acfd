// containerd: listens on /run/containerd/containerd.sock (one request per
// connection, or a long-lived events subscription), keeps container records
// per namespace and a shim per task. On start it reconnects to shims that
// outlived a previous containerd.

import { AF_UNIX, SOCK_SEQPACKET, ENOENT, EEXIST, isSysError, SIGPIPE } from '@dockersim/kernel';
import type { ProcessContext, Program, Sys } from '@dockersim/kernel';
import type { Envelope, RpcRequest, RpcResponse } from '../api.ts';
import { CONTAINERD_SOCKET } from '../api.ts';
import { errorResponse } from '../errors.ts';
import { Services } from './services.ts';
import { TASK_ROOT, SOCKET_ROOT } from '../shim/protocol.ts';

export const CONTAINERD_VERSION = 'v1.7.27';

export const containerd: Program = async ({ sys, argv }: ProcessContext) => {
  // As a Go program: a peer that went away is an EPIPE, not a fatal SIGPIPE.
  sys.sigaction(SIGPIPE, 'ignore');
  if (argv.includes('--version') || argv.includes('-v')) {
    await sys.write(1, `containerd containerd.io ${CONTAINERD_VERSION} 05044ec0a9a75232cad458027ca83437aae3f4da\n`);
    return 0;
  }
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
  for (;;) {
    let fd: number;
    try { fd = await sys.accept(lfd); } catch { return 1; }
    sys.setCloexec(fd, true);
    void serveConn(sys, services, fd);
  }
};

async function serveConn(sys: Sys, services: Services, fd: number): Promise<void> {
  const req = (await sys.recvmsg(fd).catch(() => null)) as RpcRequest | null;
  if (!req) { sys.close(fd); return; }
  if (req.service === 'events' && req.method === 'Subscribe') return subscribe(sys, services, fd, req);
  let res: RpcResponse;
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
