// containerd's containers, tasks and events services for the namespaces
// dockerd uses. A task is a shim: tasks.Create writes the bundle
// (config.json) and starts one; every other task call is forwarded to it.
// Events from shims and from the services go to every subscriber.

import { O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC, EEXIST, isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { Envelope, OciProcess, OciSpec, TaskIO } from '../api.ts';
import { alreadyExists, notFound, invalidArgument, RpcFailure, toFailure } from '../errors.ts';
import { ShimClient } from './shim-client.ts';
import { TASK_ROOT } from '../shim/protocol.ts';

export interface ContainerRecord {
  id: string;
  image: string;
  labels: Record<string, string>;
  runtime: { name: string };
  spec: OciSpec;
  createdAt: number;
}

interface Namespace {
  containers: Map<string, ContainerRecord>;
  tasks: Map<string, ShimClient>;
}

export class Services {
  private readonly nss = new Map<string, Namespace>();
  readonly subscribers = new Set<(e: Envelope) => void>();

  constructor(private readonly sys: Sys) {}

  ns(name: string): Namespace {
    let n = this.nss.get(name);
    if (!n) this.nss.set(name, n = { containers: new Map(), tasks: new Map() });
    return n;
  }

  publish(e: Envelope): void { for (const s of this.subscribers) s(e); }

  private event(ns: string, topic: Envelope['topic'], event: Envelope['event']): void {
    if (this.subscribers.size) this.publish({ timestamp: this.sys.now(), namespace: ns, topic, event });
  }

  private container(ns: string, id: string): ContainerRecord {
    const c = this.ns(ns).containers.get(id);
    if (!c) throw notFound(`container "${id}" in namespace "${ns}"`);
    return c;
  }

  private task(ns: string, id: string): ShimClient {
    const t = this.ns(ns).tasks.get(id);
    if (!t) throw notFound(`no running task found: task ${id} not found`);
    return t;
  }

  async call(ns: string, service: string, method: string, req: any): Promise<unknown> {
    switch (`${service}.${method}`) {
      case 'containers.Create': {
        const c = req?.container;
        if (!c?.id) throw invalidArgument('container id must not be empty');
        const n = this.ns(ns);
        if (n.containers.has(c.id)) throw alreadyExists(`container "${c.id}"`);
        n.containers.set(c.id, { id: c.id, image: c.image ?? '', labels: c.labels ?? {}, runtime: c.runtime ?? { name: 'io.containerd.runc.v2' }, spec: c.spec, createdAt: this.sys.now() });
        this.event(ns, '/containers/create', { containerId: c.id });
        return {};
      }
      case 'containers.Delete': {
        const n = this.ns(ns);
        this.container(ns, req.id);
        n.containers.delete(req.id);
        this.event(ns, '/containers/delete', { containerId: req.id });
        return {};
      }
      case 'containers.Get': {
        const c = this.container(ns, req.id);
        return { container: c };
      }
      case 'containers.List':
        return { containers: [...this.ns(ns).containers.values()].map((c) => ({ id: c.id, image: c.image, labels: c.labels, runtime: c.runtime, createdAt: c.createdAt })) };
      case 'tasks.Create': return this.createTask(ns, req.containerId, req.io);
      case 'tasks.Start': return this.task(ns, req.containerId).call({ m: 'start', execId: req.execId });
      case 'tasks.Kill': await this.task(ns, req.containerId).call({ m: 'kill', execId: req.execId, signal: req.signal, all: req.all }); return {};
      case 'tasks.Exec': await this.task(ns, req.containerId).call({ m: 'exec', execId: req.execId, spec: req.spec as OciProcess, io: req.io as TaskIO }); return {};
      case 'tasks.ResizePty': await this.task(ns, req.containerId).call({ m: 'resize', execId: req.execId, width: req.width, height: req.height }); return {};
      case 'tasks.CloseIO': await this.task(ns, req.containerId).call({ m: 'closeIO', execId: req.execId }); return {};
      case 'tasks.Pids': return this.task(ns, req.containerId).call({ m: 'pids' });
      case 'tasks.Pause': await this.task(ns, req.containerId).call({ m: 'pause' }); return {};
      case 'tasks.Resume': await this.task(ns, req.containerId).call({ m: 'resume' }); return {};
      case 'tasks.Update': await this.task(ns, req.containerId).call({ m: 'update', resources: req.resources }); return {};
      case 'tasks.Get': return { process: await this.task(ns, req.containerId).call({ m: 'state', execId: req.execId }) };
      case 'tasks.Delete': return this.deleteTask(ns, req.containerId, req.execId);
      case 'tasks.List': return { tasks: await this.listTasks(ns) };
      case 'namespaces.List': return { namespaces: [...this.nss.keys()].sort().map((name) => ({ name, labels: {} })) };
      default: throw new RpcFailure('Unknown', `unknown method ${service}.${method}`);
    }
  }

  /** Each task with its init process's pid and status, as `ctr tasks ls` shows them. */
  private async listTasks(ns: string): Promise<Array<{ id: string; pid: number; status: string }>> {
    const out: Array<{ id: string; pid: number; status: string }> = [];
    for (const [id, shim] of this.ns(ns).tasks) {
      const st = await shim.call<{ pid: number; status: string }>({ m: 'state' }).catch(() => ({ pid: 0, status: 'unknown' }));
      out.push({ id, pid: st.pid, status: st.status });
    }
    return out;
  }

  private async createTask(ns: string, id: string, io: TaskIO): Promise<unknown> {
    const c = this.container(ns, id);
    const n = this.ns(ns);
    if (n.tasks.has(id)) throw alreadyExists(`task ${id}`);
    const sys = this.sys;
    const bundle = `${TASK_ROOT}/${ns}/${id}`;
    try { sys.mkdir(bundle, 0o711); } catch (e) {
      if (!isSysError(e, EEXIST)) { mkdirAll(sys, `${TASK_ROOT}/${ns}`); sys.mkdir(bundle, 0o711); }
    }
    await writeFile(sys, `${bundle}/config.json`, JSON.stringify(c.spec));
    let shim: ShimClient;
    try {
      shim = await ShimClient.start(sys, ns, id, bundle, (e) => this.publish(e));
    } catch (e) {
      removeBundle(sys, bundle);
      throw toFailure(e).wrap('failed to start shim');
    }
    n.tasks.set(id, shim);
    try {
      return await shim.call({ m: 'create', bundle, io, cgroupsPath: c.spec.linux?.cgroupsPath ?? '' });
    } catch (e) {
      n.tasks.delete(id);
      await shim.call({ m: 'shutdown' }).catch(() => undefined);
      shim.close();
      removeBundle(sys, bundle);
      throw toFailure(e).wrap('failed to create shim task');
    }
  }

  private async deleteTask(ns: string, id: string, execId?: string): Promise<unknown> {
    const shim = this.task(ns, id);
    const res = await shim.call<{ pid: number; exitStatus: number; exitedAt: number }>({ m: 'delete', execId });
    if (!execId) {
      this.ns(ns).tasks.delete(id);
      await shim.gone;
      try { this.sys.unlink(shim.address); } catch { /* gone */ }
      removeBundle(this.sys, `${TASK_ROOT}/${ns}/${id}`);
    }
    return res;
  }

  /** Reconnects to the shims that kept running while containerd was down. */
  async recover(): Promise<void> {
    const sys = this.sys;
    let nss;
    try { nss = sys.readdir(TASK_ROOT); } catch { return; }
    for (const nsEnt of nss) {
      let ids;
      try { ids = sys.readdir(`${TASK_ROOT}/${nsEnt.name}`); } catch { continue; }
      for (const idEnt of ids) {
        const bundle = `${TASK_ROOT}/${nsEnt.name}/${idEnt.name}`;
        try {
          const address = (await readFile(sys, `${bundle}/address`)).replace(/^unix:\/\//, '');
          const spec = JSON.parse(await readFile(sys, `${bundle}/config.json`)) as OciSpec;
          const shim = await ShimClient.connect(sys, address, (e) => this.publish(e));
          const n = this.ns(nsEnt.name);
          n.tasks.set(idEnt.name, shim);
          if (!n.containers.has(idEnt.name)) n.containers.set(idEnt.name, { id: idEnt.name, image: '', labels: {}, runtime: { name: 'io.containerd.runc.v2' }, spec, createdAt: sys.now() });
        } catch { removeBundle(sys, bundle); }
      }
    }
  }
}

function mkdirAll(sys: Sys, path: string): void {
  let p = '';
  for (const part of path.split('/')) {
    if (!part) continue;
    p += '/' + part;
    try { sys.mkdir(p, 0o711); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
}

function removeBundle(sys: Sys, bundle: string): void {
  try {
    for (const e of sys.readdir(bundle)) {
      if (e.type === 'dir') { try { sys.rmdir(`${bundle}/${e.name}`); } catch { /* not empty */ } } else sys.unlink(`${bundle}/${e.name}`);
    }
    sys.rmdir(bundle);
  } catch { /* gone */ }
}

async function writeFile(sys: Sys, path: string, data: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
  try { await sys.write(fd, data); } finally { sys.close(fd); }
}

async function readFile(sys: Sys, path: string): Promise<string> {
  const fd = sys.open(path, 0 | O_CLOEXEC);
  try {
    let s = '';
    const dec = new TextDecoder();
    for (;;) { const b = await sys.read(fd); if (!b.length) break; s += dec.decode(b, { stream: true }); }
    return s;
  } finally { sys.close(fd); }
}
