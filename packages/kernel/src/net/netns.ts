// A network namespace's state (Linux's struct net): its devices, routes,
// neighbour table, netfilter tables, connection tracking and sockets. An
// idle namespace holds only `lo`; every table is made on first use, so a
// container with loopback only costs a few hundred bytes.

import type { Clock } from '../sched/clock.ts';
import { IFF_LOOPBACK, IFF_LOWER_UP, IFF_RUNNING, IFF_UP, type LinkKind } from './api.ts';
import { fmtIp } from './addr.ts';
import type { EthFrame } from './packet.ts';
import type { Netfilter } from './netfilter.ts';
import type { Conntrack } from './conntrack.ts';
import type { InetSocket } from './inet.ts';

export interface SockTable {
  bound: Map<number, InetSocket[]>;
  conn: Map<string, InetSocket>;
}

export interface InetAddr { a: number; len: number; brd: number }

/** A bridge's own state: its ports and forwarding database (mac → port). */
export interface BridgeState {
  ports: NetDev[];
  fdb: Map<string, { port: NetDev; seen: number }>;
}

/**
 * Something watching a device's frames (tcpdump's packet socket). `promisc`
 * marks a frame the device sees only in promiscuous mode (a bridge's
 * forwarded traffic), which a capture on "any" does not turn on.
 */
export type Tap = (dev: NetDev, frame: EthFrame, dir: 'in' | 'out', promisc: boolean) => void;

export class NetDev {
  mtu: number;
  /** IFF_UP as set administratively; the carrier bits are computed (see operFlags). */
  flags: number;
  inet: InetAddr[] = [];
  rxBytes = 0; txBytes = 0; rxPackets = 0; txPackets = 0; rxDropped = 0; txDropped = 0;
  /** veth: the other end (in any namespace). */
  peer: NetDev | null = null;
  /** The bridge this device is a port of. */
  master: NetDev | null = null;
  br: BridgeState | null = null;
  taps: Tap[] | null = null;

  constructor(public ns: NetNs, public name: string, public ifindex: number, readonly kind: LinkKind, public mac: string) {
    this.mtu = kind === 'loopback' ? 65536 : 1500;
    this.flags = kind === 'loopback' ? IFF_UP | IFF_LOOPBACK : 0x1002; // BROADCAST|MULTICAST
  }

  get up(): boolean { return (this.flags & IFF_UP) !== 0; }

  /** Carrier: a veth has one when both ends are up; a bridge when up (Linux: when a port is, or none exist). */
  get carrier(): boolean {
    if (!this.up) return false;
    if (this.kind === 'veth') return this.peer !== null && this.peer.up;
    if (this.kind === 'bridge') return this.br!.ports.length === 0 ? false : this.br!.ports.some((p) => p.carrier);
    return true;
  }

  /** flags with RUNNING/LOWER_UP as the carrier says. */
  get operFlags(): number {
    return this.carrier || (this.kind === 'loopback' && this.up) ? this.flags | IFF_RUNNING | IFF_LOWER_UP : this.flags;
  }

  /** "a.b.c.d/len" of each IPv4 address, then lo's ::1 (what /proc and older code read). */
  get addrs(): string[] {
    const v = this.inet.map((x) => `${fmtIp(x.a)}/${x.len}`);
    if (this.kind === 'loopback' && this.up) v.push('::1/128');
    return v;
  }

  tap(frame: EthFrame, dir: 'in' | 'out', promisc = false): void {
    const t = this.taps;
    if (t) for (let i = 0; i < t.length; i++) t[i]!(this, frame, dir, promisc);
  }
}

export interface Route {
  net: number; len: number;
  gw: number;          // 0: directly connected
  dev: NetDev;
  src: number;         // 0: none given
  metric: number;
  proto: 'kernel' | 'boot' | 'static';
  scope: 'link' | 'global' | 'host';
}

export interface Neigh {
  mac: string | null;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'INCOMPLETE' | 'FAILED';
  /** When it was last confirmed (uptime ms). */
  at: number;
  /** Frames waiting for the answer (INCOMPLETE). */
  queue: { frame: EthFrame }[] | null;
  tries: number;
}

export class NetNs {
  refs = 0;
  /** net.ipv4.ip_forward */
  ipForward = false;
  /** net.bridge.bridge-nf-call-iptables (br_netfilter is loaded, as Docker makes sure). */
  brNfCallIptables = true;
  readonly devs: NetDev[];
  /** Routes added by programs (the kernel's own prefix routes are derived from addresses). */
  routes: Route[] | null = null;
  /** "ifindex ip" → entry */
  neigh: Map<string, Neigh> | null = null;
  nf: Netfilter | null = null;
  ct: Conntrack | null = null;
  /** Sockets by protocol: bound ones by port, connected TCP ones by their four-tuple. */
  tcp: SockTable | null = null;
  udp: SockTable | null = null;
  /** ICMP sockets: raw ones see every ICMP message, ping ones by identifier. */
  icmp: InetSocket[] | null = null;
  nextPort = 32768;
  nextIfindex = 2;
  ipId = 0;
  /** Peer namespaces' ids (link-netnsid), given in order of first need. */
  nsids: Map<NetNs, number> | null = null;
  /** Set once the last process left (devices deleted, sockets gone). */
  dead = false;

  constructor(readonly inum: number, readonly clock: Clock, readonly newIno: () => number = () => 0) {
    const lo = new NetDev(this, 'lo', 1, 'loopback', '00:00:00:00:00:00');
    lo.inet.push({ a: 0x7f000001, len: 8, brd: 0 });
    this.devs = [lo];
  }

  get lo(): NetDev { return this.devs[0]!; }

  dev(name: string): NetDev | undefined {
    for (const d of this.devs) if (d.name === name) return d;
    return undefined;
  }

  byIndex(i: number): NetDev | undefined {
    for (const d of this.devs) if (d.ifindex === i) return d;
    return undefined;
  }

  /** A free ifindex, keeping `want` when it is free (a device moved in keeps its index). */
  allocIfindex(want = 0): number {
    if (want && !this.byIndex(want)) { if (want >= this.nextIfindex) this.nextIfindex = want + 1; return want; }
    while (this.byIndex(this.nextIfindex)) this.nextIfindex++;
    return this.nextIfindex++;
  }

  /** The device holding address a (an up one), for local delivery and source selection. */
  localDev(a: number): NetDev | undefined {
    if ((a >>> 24) === 127) return this.lo.up ? this.lo : undefined;
    for (const d of this.devs) {
      if (!d.up) continue;
      for (const x of d.inet) if (x.a === a) return d;
    }
    return undefined;
  }

  isLocal(a: number): boolean {
    if (this.localDev(a)) return true;
    // broadcast addresses of our subnets are received too
    for (const d of this.devs) if (d.up) for (const x of d.inet) if (x.brd === a && x.len < 31) return true;
    return false;
  }

  nsidOf(other: NetNs): number {
    const m = this.nsids ??= new Map();
    let id = m.get(other);
    if (id === undefined) { id = m.size; m.set(other, id); }
    return id;
  }
}
