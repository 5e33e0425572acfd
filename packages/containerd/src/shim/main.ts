// containerd-shim-runc-v2: one per container, started by containerd with
// `-namespace NS -id ID -address /run/containerd/containerd.sock` and the
// listening socket as fd 3, in the bundle directory. It makes itself a
// child subreaper (so the container's init becomes its child when
// `runc create` exits), serves containerd's requests on its socket one
// connection at a time, pushes task events to the connected containerd
// (queueing them while none is), and exits once the task is deleted. The
// container keeps running while containerd is down: the shim holds it.

import { PR_SET_CHILD_SUBREAPER, isSysError, SIGPIPE } from '@dockersim/kernel';
import type { ProcessContext, Program, Sys } from '@dockersim/kernel';
import type { Envelope } from '../api.ts';
import { toFailure } from '../errors.ts';
import type { ShimMessage, ShimRequest } from './protocol.ts';
import { runcRoot } from './protocol.ts';
import { Task } from './task.ts';

/** The ttrpc method each request stands for. */
const TTRPC_METHOD: Record<string, string> = {
  create: 'Create', start: 'Start', kill: 'Kill', exec: 'Exec', resize: 'ResizePty', closeIO: 'CloseIO',
  pids: 'Pids', state: 'State', delete: 'Delete', shutdown: 'Shutdown', update: 'Update',
};

export const containerdShim: Program = async ({ sys, argv }: ProcessContext) => {
  // As a Go program: a peer that went away is an EPIPE, not a fatal SIGPIPE.
  sys.sigaction(SIGPIPE, 'ignore');
  let ns = 'default', id = '';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-namespace' || a === '--namespace') ns = argv[++i] ?? ns;
    else if (a === '-id' || a === '--id') id = argv[++i] ?? '';
    else if (a === '-address' || a === '--address' || a === '-publish-binary' || a === '-bundle') i++;
  }
  if (!id) { await sys.write(2, 'shim id must be set\n'); return 1; }
  sys.prctl(PR_SET_CHILD_SUBREAPER, 1);
  const listener = 3;
  try { sys.setCloexec(listener, true); } catch (e) {
    if (isSysError(e)) { await sys.write(2, 'containerd-shim-runc-v2: no listener on fd 3\n'); return 1; }
    throw e;
  }
  const shim = new Shim(sys, ns, id, listener);
  return shim.serve();
};

class Shim {
  private conn = -1;
  private queued: Envelope[] | null = null;
  private readonly task: Task;
  private done = false;

  constructor(private readonly sys: Sys, private readonly ns: string, private readonly id: string, private readonly listener: number) {
    this.task = new Task(sys, ns, id, (e) => { sys.traceMarker('shim', `event ${e.topic}`, { pid: e.event.pid, exitStatus: e.event.exitStatus }); this.publish(e); });
  }

  private publish(e: Envelope): void {
    if (this.conn >= 0) { void this.sys.sendmsg(this.conn, { ev: e } satisfies ShimMessage).catch(() => this.queue(e)); return; }
    this.queue(e);
  }

  private queue(e: Envelope): void { (this.queued ??= []).push(e); }

  async serve(): Promise<number> {
    const sys = this.sys;
    while (!this.done) {
      let fd: number;
      try { fd = await sys.accept(this.listener); } catch { break; }
      sys.setCloexec(fd, true);
      // a new containerd replaces the old connection
      if (this.conn >= 0) try { sys.close(this.conn); } catch { /* closed */ }
      this.conn = fd;
      const q = this.queued;
      this.queued = null;
      if (q) for (const e of q) this.publish(e);
      await this.handle(fd);
    }
    try { sys.close(this.listener); } catch { /* closed */ }
    return 0;
  }

  /** Serves one connection until it closes or the task is gone. */
  private async handle(fd: number): Promise<void> {
    const sys = this.sys;
    for (;;) {
      const req = (await sys.recvmsg(fd).catch(() => null)) as ShimRequest | null;
      if (req === null) { if (this.conn === fd) { this.conn = -1; try { sys.close(fd); } catch { /* closed */ } } return; }
      let reply: ShimMessage;
      const execId = (req as { execId?: string }).execId;
      sys.traceMarker('shim', `containerd.task.v2.Task/${TTRPC_METHOD[req.m] ?? req.m}`, execId ? { execId } : undefined);
      try { reply = { r: await this.dispatch(req) }; } catch (e) {
        const f = toFailure(e);
        reply = { f: { code: f.code, desc: f.desc } };
      }
      await sys.sendmsg(fd, reply).catch(() => undefined);
      if (this.done) {
        try { sys.close(fd); } catch { /* closed */ }
        this.conn = -1;
        return;
      }
    }
  }

  private async dispatch(r: ShimRequest): Promise<unknown> {
    const t = this.task;
    switch (r.m) {
      case 'create': return t.create(r.bundle, r.io, runcRoot(this.ns), r.cgroupsPath);
      case 'start': return t.start(r.execId);
      case 'kill': await t.kill(r.signal, !!r.all, r.execId); return {};
      case 'exec': t.exec(r.execId, r.spec, r.io); return {};
      case 'resize': t.resize(r.width, r.height, r.execId); return {};
      case 'closeIO': t.closeIO(r.execId); return {};
      case 'pids': return t.pids();
      case 'pause': case 'resume': await t.pause(r.m === 'pause'); return {};
      case 'update': await t.update(r.resources); return {};
      case 'state': return t.state(r.execId);
      case 'delete': {
        const res = await t.delete(r.execId);
        if (res.last) this.done = true;
        return { pid: res.pid, exitStatus: res.exitStatus, exitedAt: res.exitedAt };
      }
      case 'shutdown': this.done = true; return {};
    }
  }
}
