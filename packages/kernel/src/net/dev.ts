// The device layer (Linux's dev_queue_xmit / netif_receive_skb): frames leave
// a device and arrive, one hop later in virtual time, at the other end of the
// wire: loopback back to itself, a veth at its peer (in whatever namespace it
// is), a bridge's ports by its forwarding database. A bridge port hands what
// it receives to its bridge, which learns the source MAC, forwards or floods,
// and passes frames for itself up to its own namespace's stack.

import type { Clock } from '../sched/clock.ts';
import { BROADCAST_MAC } from './addr.ts';
import type { EthFrame } from './packet.ts';
import { frameLength } from './packet.ts';
import type { NetDev } from './netns.ts';
import { ipInput } from './ip.ts';
import { ipLength } from './packet.ts';
import { arpInput } from './arp.ts';

/** One hop on a wire: 1/64 ms, a power of two so sums of hops stay exact. */
export const HOP_MS = 1 / 64;

/** Learnt fdb entries age out after 300 s (bridge ageing_time). */
export const FDB_AGEING_MS = 300_000;

function clockOf(dev: NetDev): Clock { return dev.ns.clock; }

export function later(dev: NetDev, fn: () => void): void {
  const c = clockOf(dev);
  c.at(c.now + HOP_MS, fn);
}

/** A frame leaves dev. */
export function xmit(dev: NetDev, frame: EthFrame): void {
  if (!dev.up) { dev.txDropped++; return; }
  dev.txPackets++;
  dev.txBytes += frameLength(frame);
  if (dev.taps) dev.tap(frame, 'out');
  switch (dev.kind) {
    case 'loopback':
      later(dev, () => receive(dev, frame));
      return;
    case 'veth': {
      const peer = dev.peer;
      if (!peer || !peer.up) { dev.txDropped++; return; }
      later(dev, () => { if (peer.peer === dev) receive(peer, frame); });
      return;
    }
    case 'bridge':
      bridgeForward(dev, null, frame);
      return;
    default:
      return; // dummy: swallowed
  }
}

/** A frame arrives on dev. */
export function receive(dev: NetDev, frame: EthFrame): void {
  if (!dev.up || dev.ns.dead) { dev.rxDropped++; return; }
  dev.rxPackets++;
  dev.rxBytes += frameLength(frame);
  if (dev.taps) dev.tap(frame, 'in');
  const br = dev.master;
  if (br) { bridgeInput(br, dev, frame); return; }
  deliverUp(dev, frame);
}

/** Hands a frame addressed to dev (or broadcast) to dev's namespace's stack. */
function deliverUp(dev: NetDev, frame: EthFrame): void {
  if (dev.kind !== 'loopback' && frame.dst !== dev.mac && frame.dst !== BROADCAST_MAC) return;
  if (frame.arp) arpInput(dev, frame.arp);
  else if (frame.ip) ipInput(dev, frame.ip);
}

function bridgeInput(br: NetDev, port: NetDev, frame: EthFrame): void {
  const st = br.br!;
  if (frame.src !== BROADCAST_MAC) {
    const e = st.fdb.get(frame.src);
    const now = clockOf(br).now;
    if (e) { e.port = port; e.seen = now; } else st.fdb.set(frame.src, { port, seen: now });
  }
  if (!br.up) return;
  if (frame.dst === br.mac) { upToBridge(br, frame); return; }
  if (frame.dst === BROADCAST_MAC) upToBridge(br, frame);
  // a capture puts the bridge in promiscuous mode: it sees what it forwards too
  else if (br.taps) br.tap(frame, 'in', true);
  if (frame.ip && !bridgeNfAccepts(br, frame)) return;
  bridgeForward(br, port, frame);
}

/**
 * br_netfilter: with net.bridge.bridge-nf-call-iptables=1 an IPv4 packet the
 * bridge forwards between two of its ports goes through conntrack and the
 * filter table's FORWARD chain, in and out being the bridge itself (what
 * makes Docker's `-i docker0 -o docker0` rules, and --icc=false, work).
 */
function bridgeNfAccepts(br: NetDev, frame: EthFrame): boolean {
  const ns = br.ns;
  if (!ns.nf || !ns.brNfCallIptables) return true;
  const p = frame.ip!;
  const ref = ns.ct!.track(p);
  const ctstate = ref ? (ref.isNew ? 'NEW' : 'ESTABLISHED') : p.icmp?.orig ? 'RELATED' : 'INVALID';
  const v = ns.nf.run('filter', 'FORWARD', { ns, pkt: p, len: ipLength(p), in: br.name, out: br.name, ctstate });
  if (v.v === 'ACCEPT') return true;
  if (ref?.isNew) ns.ct!.remove(ref.e);
  return false;
}

function upToBridge(br: NetDev, frame: EthFrame): void {
  br.rxPackets++;
  br.rxBytes += frameLength(frame);
  if (br.taps) br.tap(frame, 'in');
  deliverUp(br, frame);
}

/** Forwards a frame to the port its destination was learnt on, or floods it. */
function bridgeForward(br: NetDev, from: NetDev | null, frame: EthFrame): void {
  const st = br.br!;
  if (frame.dst !== BROADCAST_MAC) {
    if (frame.dst === br.mac) { if (from) upToBridge(br, frame); return; }
    const e = st.fdb.get(frame.dst);
    if (e && clockOf(br).now - e.seen <= FDB_AGEING_MS) {
      if (e.port !== from && e.port.master === br) xmit(e.port, frame);
      return;
    }
  }
  for (const p of st.ports) if (p !== from) xmit(p, frame);
}

/** Forgets what the bridge learnt about a port (it left or went down). */
export function fdbFlushPort(br: NetDev, port: NetDev): void {
  for (const [mac, e] of br.br!.fdb) if (e.port === port) br.br!.fdb.delete(mac);
}
