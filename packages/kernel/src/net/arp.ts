// The neighbour table and ARP (Linux's net/core/neighbour.c, net/ipv4/arp.c).
// A packet for a next hop whose MAC is unknown waits in an INCOMPLETE entry
// while "who-has" requests are broadcast (3 tries, 1 s apart); an answer
// releases the queue, silence fails the entry and the waiting packets come
// back to their senders as ICMP host unreachable. Entries answered are
// REACHABLE for 30 s, then STALE (worked out when read: no timers).

import { EEXIST, EINVAL, ENODEV, ESRCH, SysError } from '../abi/errno.ts';
import type { NeighInfo } from './api.ts';
import { BROADCAST_MAC, fmtIp, ip, validMac } from './addr.ts';
import type { ArpMsg, Ipv4Packet } from './packet.ts';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH } from './packet.ts';
import type { NetDev, NetNs, Neigh } from './netns.ts';
import { xmit } from './dev.ts';
import { icmpError } from './ip.ts';

const REACHABLE_MS = 30_000, RETRANS_MS = 1000, MCAST_PROBES = 3;

function key(dev: NetDev, a: number): string { return `${dev.ifindex} ${a}`; }

/** Sends an IPv4 packet to next hop nh on dev, resolving its MAC first if needed. */
export function neighOutput(dev: NetDev, nh: number, pkt: Ipv4Packet): void {
  const ns = dev.ns;
  const tbl = ns.neigh ??= new Map();
  const k = key(dev, nh);
  let n = tbl.get(k);
  if (n && n.mac && n.state !== 'INCOMPLETE' && n.state !== 'FAILED') {
    xmit(dev, { src: dev.mac, dst: n.mac, ip: pkt });
    return;
  }
  if (!n || n.state === 'FAILED') {
    n = { mac: null, state: 'INCOMPLETE', at: ns.clock.now, queue: [], tries: 0 };
    tbl.set(k, n);
    solicit(dev, nh, n, pkt.src);
  }
  (n.queue ??= []).push({ frame: { src: dev.mac, dst: '', ip: pkt } });
}

function solicit(dev: NetDev, nh: number, n: Neigh, srcHint: number): void {
  const ns = dev.ns;
  let spa = 0;
  for (const x of dev.inet) if (x.a === srcHint) spa = x.a;
  if (!spa && dev.inet.length) spa = dev.inet[0]!.a;
  n.tries++;
  xmit(dev, { src: dev.mac, dst: BROADCAST_MAC, arp: { op: 1, sha: dev.mac, spa, tha: '00:00:00:00:00:00', tpa: nh } });
  ns.clock.at(ns.clock.now + RETRANS_MS, () => {
    if (n.state !== 'INCOMPLETE' || ns.neigh?.get(key(dev, nh)) !== n) return;
    if (n.tries < MCAST_PROBES) { solicit(dev, nh, n, srcHint); return; }
    n.state = 'FAILED';
    const q = n.queue ?? [];
    n.queue = null;
    for (const w of q) if (w.frame.ip) icmpError(ns, w.frame.ip, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, dev);
  });
}

/** An ARP message arrived on dev. */
export function arpInput(dev: NetDev, m: ArpMsg): void {
  const ns = dev.ns;
  const forUs = ns.localDev(m.tpa) !== undefined && (m.tpa >>> 24) !== 127;
  const tbl = ns.neigh ??= new Map();
  const k = key(dev, m.spa);
  const n = tbl.get(k);
  if (n || forUs) {
    if (m.spa !== 0) update(dev, k, n, m.sha);
  }
  if (m.op === 1 && forUs) {
    xmit(dev, { src: dev.mac, dst: m.sha, arp: { op: 2, sha: dev.mac, spa: m.tpa, tha: m.sha, tpa: m.spa } });
  }
}

function update(dev: NetDev, k: string, n: Neigh | undefined, mac: string): void {
  const ns = dev.ns;
  if (n && n.state === 'PERMANENT') return;
  if (!n) { ns.neigh!.set(k, { mac, state: 'REACHABLE', at: ns.clock.now, queue: null, tries: 0 }); return; }
  n.mac = mac;
  n.state = 'REACHABLE';
  n.at = ns.clock.now;
  const q = n.queue;
  n.queue = null;
  if (q) for (const w of q) xmit(dev, { ...w.frame, dst: mac });
}

function stateNow(ns: NetNs, n: Neigh): Neigh['state'] {
  if (n.state === 'REACHABLE' && ns.clock.now - n.at > REACHABLE_MS) return 'STALE';
  return n.state;
}

export function neighList(ns: NetNs, devName?: string): NeighInfo[] {
  const out: NeighInfo[] = [];
  if (!ns.neigh) return out;
  for (const [k, n] of ns.neigh) {
    const sp = k.indexOf(' ');
    const dev = ns.byIndex(Number(k.slice(0, sp)));
    if (!dev || (devName && dev.name !== devName)) continue;
    const info: NeighInfo = { dst: fmtIp(Number(k.slice(sp + 1))), dev: dev.name, state: stateNow(ns, n) };
    if (n.mac) info.lladdr = n.mac;
    out.push(info);
  }
  return out;
}

export function neighAdd(ns: NetNs, o: { dst: string; lladdr: string; dev: string; replace?: boolean }): void {
  const dev = ns.dev(o.dev);
  if (!dev) throw new SysError(ENODEV);
  if (!validMac(o.lladdr)) throw new SysError(EINVAL);
  const tbl = ns.neigh ??= new Map();
  const k = key(dev, ip(o.dst));
  const old = tbl.get(k);
  if (old && !o.replace) throw new SysError(EEXIST);
  tbl.set(k, { mac: o.lladdr, state: 'PERMANENT', at: ns.clock.now, queue: null, tries: 0 });
  if (old?.queue) for (const w of old.queue) xmit(dev, { ...w.frame, dst: o.lladdr });
}

export function neighDel(ns: NetNs, o: { dst: string; dev: string }): void {
  const dev = ns.dev(o.dev);
  if (!dev) throw new SysError(ENODEV);
  if (!ns.neigh?.delete(key(dev, ip(o.dst)))) throw new SysError(ESRCH);
}

/** Forgets every entry of a device (it went down or left). */
export function neighFlushDev(ns: NetNs, dev: NetDev): void {
  if (!ns.neigh) return;
  const p = `${dev.ifindex} `;
  for (const k of [...ns.neigh.keys()]) if (k.startsWith(p)) ns.neigh.delete(k);
}
