// The IPv4 layer: output of locally generated packets, input, forwarding,
// and the netfilter hooks on the way (Linux's ip_output.c, ip_input.c,
// ip_forward.c with nf_nat): OUTPUT/PREROUTING may rewrite the destination
// (DNAT), POSTROUTING the source (SNAT, MASQUERADE); conntrack remembers the
// mapping so later packets and replies are rewritten alike. A namespace with
// no rules skips all of it.

import { EPERM, ENETUNREACH } from '../abi/errno.ts';
import { fmtIp, ip as parseIp } from './addr.ts';
import type { Ipv4Packet } from './packet.ts';
import { copyIp, ipLength, setPorts, ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_HOST_UNREACH, ICMP_NET_UNREACH,
  ICMP_PORT_UNREACH, ICMP_TIME_EXCEEDED } from './packet.ts';
import type { NetDev, NetNs, Route } from './netns.ts';
import { lookup, sourceFor } from './route.ts';
import { Conntrack, type CtRef, type Tuple } from './conntrack.ts';
import { Netfilter, type Verdict } from './netfilter.ts';
import { xmit } from './dev.ts';
import { neighOutput } from './arp.ts';
import { transportInput } from './inet.ts';

const EMPTY = new Uint8Array(0);

export function netfilterOf(ns: NetNs): Netfilter {
  if (!ns.nf) { ns.nf = new Netfilter(); ns.ct = new Conntrack(ns.clock); }
  return ns.nf;
}

function ctstate(ref: CtRef | null, p: Ipv4Packet): string {
  if (ref) return ref.isNew ? 'NEW' : 'ESTABLISHED';
  if (p.icmp && p.icmp.orig) return 'RELATED';
  return 'INVALID';
}

/** OUTPUT/PREROUTING: the destination as the connection's mapping says. */
function dstManip(ref: CtRef, p: Ipv4Packet): Ipv4Packet {
  const t = ref.dir === 0 ? ref.e.reply : ref.e.orig;
  const [sp, dp] = [p.tcp?.sport ?? p.udp?.sport ?? 0, p.tcp?.dport ?? p.udp?.dport ?? 0];
  if (p.dst === t.src && (dp === t.sport || p.icmp)) return p;
  const q = copyIp(p);
  q.dst = t.src;
  if (!p.icmp) setPorts(q, sp, t.sport);
  return q;
}

/** POSTROUTING/INPUT: the source as the connection's mapping says. */
function srcManip(ref: CtRef, p: Ipv4Packet): Ipv4Packet {
  const t = ref.dir === 0 ? ref.e.reply : ref.e.orig;
  const [sp, dp] = [p.tcp?.sport ?? p.udp?.sport ?? 0, p.tcp?.dport ?? p.udp?.dport ?? 0];
  if (p.src === t.dst && (sp === t.dport || p.icmp)) return p;
  const q = copyIp(p);
  q.src = t.dst;
  if (!p.icmp) setPorts(q, t.dport, dp);
  return q;
}

function applyDnat(ns: NetNs, ref: CtRef, v: Verdict): void {
  if (!v.nat || v.nat.kind !== 'DNAT' || !v.nat.to) return;
  const to = v.nat.to;
  const i = to.indexOf(':');
  const addr = parseIp(i < 0 ? to : to.slice(0, i));
  const port = i < 0 ? ref.e.orig.dport : Number(to.slice(i + 1).split('-')[0]);
  ns.ct!.setReply(ref.e, { ...ref.e.reply, src: addr, sport: port });
}

function applySnat(ns: NetNs, ref: CtRef, v: Verdict, route: Route, p: Ipv4Packet): void {
  if (!v.nat || (v.nat.kind !== 'SNAT' && v.nat.kind !== 'MASQUERADE')) return;
  const src = v.nat.kind === 'SNAT' ? parseIp(v.nat.to!.split(':')[0]!) : sourceFor(ns, route, p.dst);
  if (!src) return;
  const r: Tuple = { ...ref.e.reply, dst: src };
  // keep the port unless another flow holds the same reply tuple
  while (ref.e.proto !== 'icmp' && ns.ct!.taken(ref.e.proto, r)) r.dport = r.dport >= 65535 ? 1024 : r.dport + 1;
  ns.ct!.setReply(ref.e, r);
}

/** POSTROUTING, then out of the route's device. */
function finishOutput(ns: NetNs, ref: CtRef | null, p: Ipv4Packet, route: Route, inDev: NetDev | null): void {
  if (ns.nf && ref) {
    if (ref.isNew) {
      const v = ns.nf.run('nat', 'POSTROUTING', { ns, pkt: p, len: ipLength(p), in: inDev?.name, out: route.dev.name, ctstate: 'NEW' });
      applySnat(ns, ref, v, route, p);
    }
    p = srcManip(ref, p);
  }
  transmit(ns, route, p);
}

function transmit(ns: NetNs, route: Route, p: Ipv4Packet): void {
  const dev = route.dev;
  if (dev === ns.lo) { xmit(dev, { src: '00:00:00:00:00:00', dst: '00:00:00:00:00:00', ip: p }); return; }
  for (const x of dev.inet) {
    if (x.len < 31 && x.brd === p.dst) { xmit(dev, { src: dev.mac, dst: 'ff:ff:ff:ff:ff:ff', ip: p }); return; }
  }
  neighOutput(dev, route.gw || p.dst, p);
}

/**
 * Sends a locally generated packet. Returns 0, or the errno the sender
 * reports: ENETUNREACH without a route, EPERM when OUTPUT drops it.
 */
export function ipOutput(ns: NetNs, p: Ipv4Packet): number {
  let ref: CtRef | null = null;
  const nf = ns.nf;
  if (nf) {
    ref = ns.ct!.track(p);
    if (ref) {
      if (ref.isNew) applyDnat(ns, ref, nf.run('nat', 'OUTPUT', { ns, pkt: p, len: ipLength(p), ctstate: 'NEW' }));
      p = dstManip(ref, p);
    }
  }
  const route = lookup(ns, p.dst);
  if (!route) return ENETUNREACH;
  if (nf) {
    const v = nf.run('filter', 'OUTPUT', { ns, pkt: p, len: ipLength(p), out: route.dev.name, ctstate: ctstate(ref, p) });
    if (v.v !== 'ACCEPT') { if (ref?.isNew) ns.ct!.remove(ref.e); return EPERM; }
  }
  finishOutput(ns, ref, p, route, null);
  return 0;
}

/** An IPv4 packet arrived on dev. */
export function ipInput(dev: NetDev, p: Ipv4Packet): void {
  const ns = dev.ns;
  const nf = ns.nf;
  let ref: CtRef | null = null;
  const fromLo = dev.kind === 'loopback';
  if (nf) {
    if (fromLo) ref = ns.ct!.find(p);
    else {
      ref = ns.ct!.track(p);
      if (ref) {
        if (ref.isNew) applyDnat(ns, ref, nf.run('nat', 'PREROUTING', { ns, pkt: p, len: ipLength(p), in: dev.name, ctstate: 'NEW' }));
        p = dstManip(ref, p);
      } else if (p.icmp?.orig) p = relatedManip(ns, p);
    }
  }
  if (ns.isLocal(p.dst)) {
    if (nf) {
      const v = nf.run('filter', 'INPUT', { ns, pkt: p, len: ipLength(p), in: dev.name, ctstate: ctstate(ref, p) });
      if (v.v === 'DROP') return;
      if (v.v === 'REJECT') { icmpError(ns, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, dev); return; }
      if (ref) p = srcManip(ref, p);
    }
    transportInput(ns, dev, p);
    return;
  }
  if (fromLo || !ns.ipForward) return;
  const route = lookup(ns, p.dst);
  if (!route) { icmpError(ns, p, ICMP_DEST_UNREACH, ICMP_NET_UNREACH, dev); return; }
  if (p.ttl <= 1) { icmpError(ns, p, ICMP_TIME_EXCEEDED, 0, dev); return; }
  p = copyIp(p);
  p.ttl--;
  if (nf) {
    const v = nf.run('filter', 'FORWARD', { ns, pkt: p, len: ipLength(p), in: dev.name, out: route.dev.name, ctstate: ctstate(ref, p) });
    if (v.v === 'DROP') return;
    if (v.v === 'REJECT') { icmpError(ns, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, dev); return; }
  }
  finishOutput(ns, ref, p, route, dev);
}

/** An ICMP error about a NATed flow: un-NAT the outer destination and the quoted packet. */
function relatedManip(ns: NetNs, p: Ipv4Packet): Ipv4Packet {
  const o = p.icmp!.orig!;
  // the quoted packet went out in our reply tuple's direction; look up its inverse
  const probe: Ipv4Packet = { ...o, src: o.dst, dst: o.src };
  if (o.tcp) probe.tcp = { ...o.tcp, sport: o.tcp.dport, dport: o.tcp.sport };
  if (o.udp) probe.udp = { ...o.udp, sport: o.udp.dport, dport: o.udp.sport };
  if (o.icmp) probe.icmp = { ...o.icmp, type: 0 };
  const ref = ns.ct!.find(probe);
  if (!ref) return p;
  const t = ref.dir === 1 ? ref.e.orig : ref.e.reply;
  const q = copyIp(p);
  q.dst = t.src;
  const oq = copyIp(o);
  oq.src = t.src;
  if (oq.tcp) oq.tcp.sport = t.sport;
  if (oq.udp) oq.udp.sport = t.sport;
  q.icmp!.orig = oq;
  return q;
}

/** Sends an ICMP error about packet p back to its source (never about an ICMP error). */
export function icmpError(ns: NetNs, p: Ipv4Packet, type: number, code: number, via: NetDev | null): void {
  if (p.icmp && p.icmp.type !== ICMP_ECHO && p.icmp.type !== 0) return;
  let src = 0;
  if (via && via !== ns.lo && via.inet.length) src = via.inet[0]!.a;
  if (!src) {
    if (ns.isLocal(p.src)) src = p.src;
    else { const r = lookup(ns, p.src); if (!r) return; src = sourceFor(ns, r, p.src); }
  }
  const orig = copyIp(p);
  if (orig.tcp) orig.tcp.data = null;
  if (orig.udp) orig.udp = { ...orig.udp, data: EMPTY };
  ipOutput(ns, { src, dst: p.src, ttl: 64, id: nextId(ns), proto: 'icmp', icmp: { type, code, id: 0, seq: 0, data: EMPTY, orig } });
}

export function nextId(ns: NetNs): number {
  ns.ipId = (ns.ipId + 1) & 0xffff;
  return ns.ipId;
}

void fmtIp; void ICMP_HOST_UNREACH;
