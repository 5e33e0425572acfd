import { describe, expect, it } from 'vitest';
import { AF_UNIX, SOCK_SEQPACKET, S_IFIFO, O_RDWR, SIGKILL } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { runc, bootTestHost as bootHost, testSpec as dockerSpec } from '@dockersim/runc';
import { containerd, containerdShim, CONTAINERD_SOCKET } from './index.ts';
import type { Envelope, RpcResponse } from './index.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const dec = new TextDecoder();
const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

async function call(sys: Sys, service: string, method: string, req: unknown): Promise<RpcResponse> {
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  await sys.connect(fd, { path: CONTAINERD_SOCKET });
  await sys.sendmsg(fd, { service, method, namespace: 'moby', req });
  const res = (await sys.recvmsg(fd)) as RpcResponse;
  sys.close(fd);
  return res;
}

const hello: Program = async ({ sys }) => { await sys.write(1, 'hello\n'); await sys.write(2, 'oops\n'); return 7; };
const sleeper: Program = async ({ sys }) => { for (;;) await sys.sleep(1e9); };

/** dockerd's part: FIFOs, the RPC sequence, the events. */
function client(args: string[], log: string[], keep = false): Program {
  return async ({ sys }) => {
    const events: Envelope[] = [];
    const ev = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    await sys.connect(ev, { path: CONTAINERD_SOCKET });
    await sys.sendmsg(ev, { service: 'events', method: 'Subscribe', namespace: 'moby', req: {} });
    await sys.recvmsg(ev);
    let exited: (e: Envelope) => void;
    const exit = new Promise<Envelope>((r) => { exited = r; });
    void (async () => { for (;;) { const e = (await sys.recvmsg(ev)) as Envelope | null; if (!e) return; events.push(e); if (e.topic === '/tasks/exit') exited(e); } })();

    const dir = `/run/docker/containerd/${ID}`;
    for (const d of ['/run/docker', '/run/docker/containerd', dir]) try { sys.mkdir(d); } catch { /* exists */ }
    let out = '';
    for (const s of ['stdout', 'stderr']) {
      sys.mknod(`${dir}/init-${s}`, S_IFIFO | 0o600);
      const fd = sys.open(`${dir}/init-${s}`, O_RDWR);
      void (async () => { for (;;) { const b = await sys.read(fd); if (!b.length) return; out += `${s}:${dec.decode(b)}`; } })();
    }
    const spec = dockerSpec(ID, args);
    spec.mounts = spec.mounts.filter((m) => m.type !== 'sysfs');
    log.push(JSON.stringify(await call(sys, 'containers', 'Create', { container: { id: ID, image: 'alpine', runtime: { name: 'io.containerd.runc.v2' }, spec, labels: {} } })));
    const created = await call(sys, 'tasks', 'Create', { containerId: ID, io: { stdout: `${dir}/init-stdout`, stderr: `${dir}/init-stderr`, terminal: false } });
    if (!created.ok) {
      log.push(`create: ${created.error.code} ${created.error.message}`);
      await sys.sleep(100);
      log.push(`out ${out}`);
      return 1;
    }
    const pid = (created.res as { pid: number }).pid;
    const started = await call(sys, 'tasks', 'Start', { containerId: ID });
    log.push(`start ${started.ok && (started.res as { pid: number }).pid === pid}`);
    if (keep) {
      log.push('running');
      await sys.sleep(1000);
      log.push(JSON.stringify((await call(sys, 'tasks', 'Kill', { containerId: ID, signal: SIGKILL, all: true })).ok));
    }
    const e = await exit;
    log.push(`exit ${e.event.exitStatus} pid=${e.event.pid === pid}`);
    const del = await call(sys, 'tasks', 'Delete', { containerId: ID });
    log.push(`delete ${JSON.stringify(del.ok && (del.res as { exitStatus: number }).exitStatus)}`);
    log.push(JSON.stringify(await call(sys, 'containers', 'Delete', { id: ID })));
    log.push(`out ${out}`);
    log.push(`events ${events.map((x) => x.topic).join(' ')}`);
    return 0;
  };
}

async function host(programs: Record<string, Program>) {
  const h = await bootHost({ runc, containerd, 'containerd-shim-runc-v2': containerdShim, ...programs }, ['hello', 'sleeper'], hostYield);
  h.spawn(['containerd']);
  await h.settle();
  return h;
}

describe('containerd and the shim', () => {
  it('Create → tasks.Create → Start → exit event with status → Delete', async () => {
    const log: string[] = [];
    const h = await host({ hello, client: client(['hello'], log) });
    const r = await h.run(['client']);
    expect(r.code).toBe(0);
    expect(log).toEqual([
      '{"ok":true,"res":{}}',
      'start true',
      'exit 7 pid=true',
      'delete 7',
      '{"ok":true,"res":{}}',
      'out stdout:hello\nstderr:oops\n',
      'events /containers/create /tasks/create /tasks/start /tasks/exit /tasks/delete /containers/delete',
    ]);
    await h.settle();
    const procs = h.k.processes().map((p) => p.argv[0]);
    expect(procs.filter((a) => a !== 'init' && a !== 'containerd')).toEqual([]);
    expect(h.exists(`/run/containerd/io.containerd.runtime.v2.task/moby/${ID}`)).toBe(false);
    expect(h.exists(`/run/docker/runtime-runc/moby/${ID}`)).toBe(false);
  });

  it('reports a missing program as dockerd shows it', async () => {
    const log: string[] = [];
    const h = await host({ client: client(['foo'], log) });
    await h.run(['client']);
    expect(log[1]).toBe('create: Unknown failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown');
    // runc's own stderr goes into the pipes, but the shim copies them only
    // once the runtime succeeded: the error reaches dockerd as the reply alone.
    expect(log[2]).toBe('out ');
    await h.settle();
    expect(h.k.processes().map((p) => p.argv[0]).filter((a) => a !== 'init' && a !== 'containerd')).toEqual([]);
  });

  it('looks like the real process tree while running, and SIGKILL gives 137', async () => {
    const log: string[] = [];
    const h = await host({ sleeper, client: client(['sleeper'], log, true) });
    const c = h.spawn(['client']);
    await h.k.runUntilIdle({ until: () => log.includes('running'), jumpTime: false });
    await h.settle();
    const ps = h.k.processes();
    const shim = ps.find((p) => p.argv[0] === '/usr/bin/containerd-shim-runc-v2')!;
    expect(shim.argv).toEqual(['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', ID, '-address', '/run/containerd/containerd.sock']);
    expect(shim.ppid).toBe(1);
    const kids = ps.filter((p) => p.ppid === shim.pid);
    expect(kids.map((p) => p.argv)).toEqual([['sleeper']]);
    expect(ps.some((p) => p.argv[0] === 'runc')).toBe(false);
    await h.k.runUntilIdle({ until: () => c.done() });
    expect(log.slice(1)).toEqual(['start true', 'running', 'true', 'exit 137 pid=true', 'delete 137', '{"ok":true,"res":{}}', 'out ', 'events /containers/create /tasks/create /tasks/start /tasks/exit /tasks/delete /containers/delete']);
  });
});
