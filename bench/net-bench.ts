// Network figures: TCP round trips between two network namespaces on one
// bridge (veth → bridge → veth, both ways), wall-clock rate.

import { Kernel, executable, AF_INET, SOCK_STREAM, CLONE_NEWNET, O_RDONLY, SIGCHLD, isSysError } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function tcpRoundtrips(n: number): Promise<number> {
  const bodies = new Map<string, (sys: Sys) => Promise<void>>();
  const programs: Record<string, Program> = {
    init: async ({ sys }) => { sys.sigaction(SIGCHLD, () => {}); for (;;) { try { await sys.wait4(-1); } catch (e) { if (!isSysError(e)) throw e; await sys.pause().catch(() => {}); } } },
    holder: async ({ sys }) => { sys.unshare(CLONE_NEWNET); for (;;) await sys.pause().catch(() => {}); },
    runner: async ({ sys, argv }) => {
      const fd = sys.open(`/proc/${argv[2]}/ns/net`, O_RDONLY);
      sys.setns(fd, CLONE_NEWNET);
      sys.close(fd);
      await bodies.get(argv[1]!)!(sys);
      return 0;
    },
  };
  const k = new Kernel({ programs: (x) => programs[x], hostYield });
  for (const d of ['/bin', '/proc', '/dev']) k.fs.mkdirp(d);
  for (const name of Object.keys(programs)) k.fs.writeFile(`/bin/${name}`, executable(name), 0o755);
  k.vfs.mount(k.fs.ctx, 'proc', '/proc', 'proc', 0, '');
  k.boot('/bin/init', ['init'], []);
  await k.runUntilIdle({ jumpTime: false });
  k.hostNetlink('link.add', { name: 'br0', kind: 'bridge' });
  k.hostNetlink('addr.add', { dev: 'br0', addr: '172.18.0.1/16' });
  k.hostNetlink('link.set', { name: 'br0', up: true });
  const boxes: number[] = [];
  for (let i = 0; i < 2; i++) {
    const pid = k.spawn({ path: '/bin/holder', argv: ['holder'], env: [] });
    await k.runUntilIdle({ jumpTime: false });
    k.hostNetlink('link.add', { name: `veth${i}`, kind: 'veth', peer: 'eth0', peerNetns: { pid } });
    k.hostNetlink('link.set', { name: `veth${i}`, master: 'br0', up: true });
    boxes.push(pid);
  }
  let done = 0;
  const run = (id: string, pid: number, body: (sys: Sys) => Promise<void>): void => {
    bodies.set(id, body);
    const p = k.spawn({ path: '/bin/runner', argv: ['runner', id, String(pid)], env: [] });
    k.onExit(p, () => { done++; });
  };
  run('setup0', boxes[0]!, async (sys) => { sys.netlink('addr.add', { dev: 'eth0', addr: '172.18.0.2/16' }); sys.netlink('link.set', { name: 'eth0', up: true }); });
  run('setup1', boxes[1]!, async (sys) => { sys.netlink('addr.add', { dev: 'eth0', addr: '172.18.0.3/16' }); sys.netlink('link.set', { name: 'eth0', up: true }); });
  await k.runUntilIdle({ until: () => done === 2 });
  run('server', boxes[0]!, async (sys) => {
    const l = sys.socket(AF_INET, SOCK_STREAM);
    sys.bind(l, { addr: '0.0.0.0', port: 7 });
    sys.listen(l);
    const c = await sys.accept(l);
    for (;;) { const b = await sys.read(c); if (!b.length) break; await sys.write(c, b); }
  });
  let t0 = 0, t1 = 0;
  run('client', boxes[1]!, async (sys) => {
    const s = sys.socket(AF_INET, SOCK_STREAM);
    await sys.connect(s, { addr: '172.18.0.2', port: 7 });
    const msg = new Uint8Array(64);
    t0 = performance.now();
    for (let i = 0; i < n; i++) { await sys.write(s, msg); await sys.read(s); }
    t1 = performance.now();
    sys.close(s);
  });
  await k.runUntilIdle({ until: () => done === 4 });
  return Math.round(n / ((t1 - t0) / 1000));
}
