import { describe, expect, it } from 'vitest';
import { AF_INET, AF_PACKET, CLONE_NEWNET, IPPROTO_ICMP, O_RDONLY, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOL_SOCKET, SO_RCVTIMEO } from '../abi/flags.ts';
import { EAGAIN, SysError } from '../abi/errno.ts';
import type { Sys } from '../sys.ts';
import { attach, hostBridge, netWorld } from '../test/net-world.ts';
import type { CapturedFrame } from './packet-socket.ts';

/** One ping from the namespace to addr: true when the echo reply came back within a second. */
async function pingOnce(sys: Sys, addr: string): Promise<boolean> {
  const s = sys.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
  sys.setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, 1000);
  await sys.sendto(s, new Uint8Array([8, 0, 0, 0, 0, 0, 0, 1]), { addr, port: 0 });
  try { const r = await sys.recvfrom(s); return r.data[0] === 0; } catch (e) {
    if (e instanceof SysError && e.errno === EAGAIN) return false;
    throw e;
  } finally { sys.close(s); }
}

async function twoOnBridge() {
  const w = netWorld();
  await w.k.runUntilIdle({ jumpTime: false });
  hostBridge(w, 'br0', '172.18.0.1', 16);
  const a = await w.box(), b = await w.box();
  await attach(w, a, 'br0', 'vetha', '172.18.0.2', 16, '172.18.0.1');
  await attach(w, b, 'br0', 'vethb', '172.18.0.3', 16, '172.18.0.1');
  return { w, a, b };
}

describe('br_netfilter', () => {
  it('sends frames bridged between two ports through FORWARD with in and out the bridge', async () => {
    const { w, a } = await twoOnBridge();
    w.k.hostNetlink('nf.append', { table: 'filter', chain: 'FORWARD', rule: { in: 'br0', out: 'br0', target: 'DROP' } });
    const got: boolean[] = [];
    await w.inNs(a, async (sys) => { got.push(await pingOnce(sys, '172.18.0.3')); });
    // the host's own address on the bridge is not forwarded
    await w.inNs(a, async (sys) => { got.push(await pingOnce(sys, '172.18.0.1')); });
    w.k.hostNetlink('sysctl.set', { key: 'net.bridge.bridge-nf-call-iptables', value: '0' });
    await w.inNs(a, async (sys) => { got.push(await pingOnce(sys, '172.18.0.3')); });
    expect(got).toEqual([false, true, true]);
    expect(w.k.hostNetlink('sysctl.get', { key: 'net.bridge.bridge-nf-call-iptables' })).toBe('0');
    const fwd = w.k.hostNetlink('nf.list', { table: 'filter', chain: 'FORWARD' })[0]!;
    expect(fwd.rules[0]!.packets).toBe(1);
  });

  it('tracks bridged flows: an accepted ping leaves a conntrack entry, ESTABLISHED for its reply', async () => {
    const { w, a } = await twoOnBridge();
    w.k.hostNetlink('nf.append', { table: 'filter', chain: 'FORWARD', rule: { out: 'br0', ctstate: ['RELATED', 'ESTABLISHED'], target: 'ACCEPT' } });
    w.k.hostNetlink('nf.append', { table: 'filter', chain: 'FORWARD', rule: { in: 'br0', out: 'br0', ctstate: ['NEW'], target: 'ACCEPT' } });
    w.k.hostNetlink('nf.policy', { table: 'filter', chain: 'FORWARD', policy: 'DROP' });
    let ok = false;
    await w.inNs(a, async (sys) => { ok = await pingOnce(sys, '172.18.0.3'); });
    expect(ok).toBe(true);
    const rules = w.k.hostNetlink('nf.list', { table: 'filter', chain: 'FORWARD' })[0]!.rules;
    expect(rules.map((r) => r.packets)).toEqual([1, 1]);
    const ct = w.k.hostNetlink('conntrack.list', {});
    expect(ct.map((c) => `${c.proto} ${c.orig.src}>${c.orig.dst}`)).toEqual(['icmp 172.18.0.2>172.18.0.3']);
  });

  it('a capture on the bridge sees the frames it forwards between ports', async () => {
    const { w, a } = await twoOnBridge();
    const pkts: string[] = [];
    await w.inNs(0, async (sys) => {
      const fd = sys.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, 0);
      sys.bind(fd, { path: 'br0' });
      // into a's namespace: the packet socket stays on the host's br0
      const ns = sys.open(`/proc/${a}/ns/net`, O_RDONLY);
      sys.setns(ns, CLONE_NEWNET);
      await pingOnce(sys, '172.18.0.3');
      for (;;) {
        let c: CapturedFrame;
        try { c = (await sys.recvmsg(fd)) as CapturedFrame; } catch (e) { if (e instanceof SysError && e.errno === EAGAIN) break; throw e; }
        pkts.push(`${c.dir} ${c.frame.arp ? `arp${c.frame.arp.op}` : `icmp${c.frame.ip!.icmp!.type}`}`);
      }
    });
    expect(pkts).toEqual(['in arp1', 'in arp2', 'in icmp8', 'in icmp0']);
  });
});
