import { describe, expect, it } from 'vitest';
import { AF_UNIX, SOCK_SEQPACKET, S_IFIFO, O_RDWR } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { runc, bootTestHost as bootHost, testSpec as dockerSpec } from '@dockersim/runc';
import { containerd, containerdShim, CONTAINERD_SOCKET } from '../index.ts';
import type { Envelope, RpcResponse } from '../index.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const dec = new TextDecoder();
const ID = 'feed0000feed0000feed0000feed0000feed0000feed0000feed0000feed0000';

async function call(sys: Sys, service: string, method: string, req: unknown): Promise<RpcResponse> {
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  await sys.connect(fd, { path: CONTAINERD_SOCKET });
  await sys.sendmsg(fd, { service, method, namespace: 'moby', req });
  const res = (await sys.recvmsg(fd)) as RpcResponse;
  sys.close(fd);
  return res;
}

/** Prints its terminal and size, then answers one line of input. */
const termprobe: Program = async ({ sys, argv }) => {
  const ws = sys.getwinsize(0);
  await sys.write(1, `${argv[1]} ${sys.ttyname(0)} ${ws.rows}x${ws.cols}\n`);
  const line = dec.decode(await sys.read(0));
  await sys.write(1, `got ${line}`);
  return 0;
};

/** dockerd's part for a `docker run -it` and a `docker exec -it`: FIFOs, Create, ResizePty, Start, input. */
function client(log: string[]): Program {
  return async ({ sys }) => {
    const ev = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    await sys.connect(ev, { path: CONTAINERD_SOCKET });
    await sys.sendmsg(ev, { service: 'events', method: 'Subscribe', namespace: 'moby', req: {} });
    await sys.recvmsg(ev);
    const exits: Envelope[] = [];
    void (async () => { for (;;) { const e = (await sys.recvmsg(ev)) as Envelope | null; if (!e) return; if (e.topic === '/tasks/exit') exits.push(e); } })();
    const dir = `/run/docker/containerd/${ID}`;
    for (const d of ['/run/docker', '/run/docker/containerd', dir]) try { sys.mkdir(d); } catch { /* exists */ }
    const outs: Record<string, string> = {};
    const fifos = (name: string): { stdin: string; stdout: string; input: number } => {
      sys.mknod(`${dir}/${name}-stdin`, S_IFIFO | 0o600);
      sys.mknod(`${dir}/${name}-stdout`, S_IFIFO | 0o600);
      const input = sys.open(`${dir}/${name}-stdin`, O_RDWR);
      const fd = sys.open(`${dir}/${name}-stdout`, O_RDWR);
      outs[name] = '';
      void (async () => { for (;;) { const b = await sys.read(fd); if (!b.length) return; outs[name] += dec.decode(b); } })();
      return { stdin: `${dir}/${name}-stdin`, stdout: `${dir}/${name}-stdout`, input };
    };
    const spec = dockerSpec(ID, ['termprobe', 'init']);
    spec.process.terminal = true;
    spec.mounts = spec.mounts.filter((m) => m.type !== 'sysfs');
    await call(sys, 'containers', 'Create', { container: { id: ID, image: 'alpine', runtime: { name: 'io.containerd.runc.v2' }, spec, labels: {} } });
    const init = fifos('init');
    const created = await call(sys, 'tasks', 'Create', { containerId: ID, io: { stdin: init.stdin, stdout: init.stdout, terminal: true } });
    log.push(`create ${created.ok}`);
    log.push(`sockets left ${sys.readdir('/tmp').filter((d) => d.name.startsWith('pty')).length}`);
    await call(sys, 'tasks', 'ResizePty', { containerId: ID, width: 100, height: 30 });
    await call(sys, 'tasks', 'Start', { containerId: ID });
    await sys.sleep(10);

    const ex = fifos('exec');
    const spec2 = { ...spec.process, args: ['termprobe', 'exec'] };
    await call(sys, 'tasks', 'Exec', { containerId: ID, execId: 'e1', spec: spec2, io: { stdin: ex.stdin, stdout: ex.stdout, terminal: true } });
    const started = await call(sys, 'tasks', 'Start', { containerId: ID, execId: 'e1' });
    log.push(`exec ${started.ok}`);
    await call(sys, 'tasks', 'ResizePty', { containerId: ID, execId: 'e1', width: 90, height: 20 });
    await sys.sleep(10);
    await sys.write(ex.input, 'from exec\n');
    await sys.write(init.input, 'from init\n');
    while (exits.length < 2) await sys.sleep(10);
    log.push(`init: ${JSON.stringify(outs.init)}`);
    log.push(`exec: ${JSON.stringify(outs.exec)}`);
    log.push(`sockets left ${sys.readdir('/tmp').filter((d) => d.name.startsWith('pty')).length}`);
    return 0;
  };
}

describe('the shim and a terminal', () => {
  it('takes the master runc sends over the console socket, copies it and resizes it; the container has its own pts/0, an exec pts/1', async () => {
    const log: string[] = [];
    const h = await bootHost({ runc, containerd, 'containerd-shim-runc-v2': containerdShim, termprobe, client: client(log) }, ['termprobe'], hostYield);
    // the host's terminal is its pts/0
    h.k.ptys.hostPty();
    h.spawn(['containerd']);
    await h.settle();
    const r = await h.run(['client']);
    expect(r.code).toBe(0);
    expect(log).toEqual([
      'create true',
      'sockets left 0',
      'exec true',
      // the exec's size came after it printed it: the default
      'init: "init /dev/pts/0 30x100\\r\\nfrom init\\r\\ngot from init\\r\\n"',
      'exec: "exec /dev/pts/1 24x80\\r\\nfrom exec\\r\\ngot from exec\\r\\n"',
      'sockets left 0',
    ]);
  });
});
