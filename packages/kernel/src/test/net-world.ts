// Test helpers: network namespaces held by a sleeping process each, wired
// to a host bridge the way Docker's bridge driver does it, and programs run
// inside them (setns through /proc/PID/ns/net).

import { makeWorld, type TestWorld } from './harness.ts';
import type { Program, Sys } from '../sys.ts';
import { CLONE_NEWNET, O_RDONLY } from '../abi/flags.ts';
import { macFromIp, ip } from '../net/addr.ts';

export const holder: Program = async ({ sys }) => {
  sys.unshare(CLONE_NEWNET);
  for (;;) await sys.pause().catch(() => {});
};

export interface NetWorld extends TestWorld {
  /** Starts a process in a new network namespace; its host pid. */
  box(): Promise<number>;
  /** Runs fn as a process inside pid's network namespace and waits for it. */
  inNs(pid: number, fn: (sys: Sys) => Promise<number | void>): Promise<number>;
  /** Starts fn inside pid's namespace without waiting; resolves once it ends. */
  spawnIn(pid: number, fn: (sys: Sys) => Promise<number | void>): Promise<number>;
}

export function netWorld(): NetWorld {
  const fns = new Map<string, (sys: Sys) => Promise<number | void>>();
  let n = 0;
  const runner: Program = async ({ sys, argv }) => {
    const [, id, pid] = argv;
    if (pid !== '0') {
      const fd = sys.open(`/proc/${pid}/ns/net`, O_RDONLY);
      sys.setns(fd, CLONE_NEWNET);
      sys.close(fd);
    }
    return (await fns.get(id!)!(sys)) ?? 0;
  };
  const w = makeWorld({ holder, runner });
  w.k.vfs.mount(w.k.fs.ctx, 'proc', '/proc', 'proc', 0, '');
  const start = (pid: number, fn: (sys: Sys) => Promise<number | void>): { done: () => boolean; code: () => number } => {
    const id = String(n++);
    fns.set(id, fn);
    let code = -1;
    const p = w.k.spawn({ path: '/bin/runner', argv: ['runner', id, String(pid)], env: [], stdout: (b) => { w.out.push(new TextDecoder().decode(b)); }, stderr: (b) => { w.out.push(new TextDecoder().decode(b)); } });
    w.k.onExit(p, (s) => { code = s.code ?? 128 + (s.signal ?? 0); });
    return { done: () => code >= 0, code: () => code };
  };
  return {
    ...w,
    async box() {
      const pid = w.k.spawn({ path: '/bin/holder', argv: ['holder'], env: [] });
      await w.k.runUntilIdle({ jumpTime: false });
      return pid;
    },
    async inNs(pid, fn) {
      const r = start(pid, fn);
      await w.k.runUntilIdle({ until: r.done });
      return r.code();
    },
    spawnIn(pid, fn) {
      const r = start(pid, fn);
      return new Promise((resolve) => {
        const check = (): void => { if (r.done()) resolve(r.code()); else void Promise.resolve().then(() => setImmediate(check)); };
        check();
      });
    },
  };
}

/** Docker's bridge wiring: a bridge with the gateway address, forwarding on. */
export function hostBridge(w: TestWorld, name: string, gw: string, len: number): void {
  const k = w.k;
  k.hostNetlink('link.add', { name, kind: 'bridge' });
  k.hostNetlink('addr.add', { dev: name, addr: `${gw}/${len}` });
  k.hostNetlink('link.set', { name, up: true });
  k.hostNetlink('sysctl.set', { key: 'net.ipv4.ip_forward', value: '1' });
}

/** A veth from the bridge into pid's namespace as eth0 with addr, default route via gw (what libnetwork does). */
export async function attach(w: NetWorld, pid: number, bridge: string, hostEnd: string, addr: string, len: number, gw: string | null): Promise<void> {
  const k = w.k;
  k.hostNetlink('link.add', { name: hostEnd, kind: 'veth', peer: 'eth0', peerNetns: { pid } });
  k.hostNetlink('link.set', { name: hostEnd, master: bridge, up: true });
  const code = await w.inNs(pid, async (sys) => {
    sys.netlink('link.set', { name: 'eth0', mac: macFromIp(ip(addr)), up: true });
    sys.netlink('addr.add', { dev: 'eth0', addr: `${addr}/${len}` });
    if (gw) sys.netlink('route.add', { dst: 'default', gateway: gw });
  });
  if (code !== 0) throw new Error(`attach failed: ${code}`);
}
