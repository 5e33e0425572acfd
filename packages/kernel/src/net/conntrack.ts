// Connection tracking (Linux's nf_conntrack): each flow has an original and
// a reply tuple; NAT rewrites the reply tuple, so replies are found by it and
// un-NATed. Entries expire lazily (checked when looked up or listed), so an
// idle namespace holds no timers.

import type { ConntrackInfo } from './api.ts';
import { fmtIp } from './addr.ts';
import type { Ipv4Packet } from './packet.ts';
import { ports, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, ICMP_ECHO, ICMP_ECHOREPLY } from './packet.ts';
import type { Clock } from '../sched/clock.ts';

export interface Tuple { src: number; sport: number; dst: number; dport: number }

export interface CtEntry {
  proto: 'tcp' | 'udp' | 'icmp';
  orig: Tuple;
  reply: Tuple;
  state: string;
  expires: number;
  replied: boolean;
  assured: boolean;
  finOrig: boolean; finReply: boolean;
}

/** Direction of a packet within its entry: 0 original, 1 reply. */
export interface CtRef { e: CtEntry; dir: 0 | 1; isNew: boolean }

const S = 1000;
const TIMEOUTS: Record<string, number> = {
  SYN_SENT: 120 * S, SYN_RECV: 60 * S, ESTABLISHED: 432000 * S, FIN_WAIT: 120 * S, CLOSE_WAIT: 60 * S,
  LAST_ACK: 30 * S, TIME_WAIT: 120 * S, CLOSE: 10 * S,
};
const MAX_ENTRIES = 65536;

function keyOf(proto: string, t: Tuple): string { return `${proto} ${t.src}:${t.sport} ${t.dst}:${t.dport}`; }

export function tupleOf(p: Ipv4Packet): Tuple {
  const [sport, dport] = ports(p);
  return { src: p.src, sport, dst: p.dst, dport };
}

export class Conntrack {
  private readonly _m = new Map<string, { e: CtEntry; dir: 0 | 1 }>();
  constructor(private readonly _clock: Clock) {}

  get size(): number { return this._m.size / 2; }

  /** The entry of a packet (null for protocols/ICMP types not tracked as flows). */
  find(p: Ipv4Packet): CtRef | null {
    if (p.icmp && p.icmp.type !== ICMP_ECHO && p.icmp.type !== ICMP_ECHOREPLY) return null;
    const t = tupleOf(p);
    const hit = this._m.get(keyOf(p.proto, t));
    if (hit) {
      if (hit.e.expires <= this._clock.now) { this.remove(hit.e); return null; }
      return { e: hit.e, dir: hit.dir, isNew: false };
    }
    return null;
  }

  /** Finds or creates the entry of a packet; a new one's reply tuple is the inverse. */
  track(p: Ipv4Packet): CtRef | null {
    const f = this.find(p);
    if (f) { this.update(f, p); return f; }
    if (p.icmp && p.icmp.type !== ICMP_ECHO) return null;
    if (p.tcp && !(p.tcp.flags & TCP_SYN)) return null; // mid-stream: INVALID for us
    if (this._m.size >= MAX_ENTRIES * 2) return null;
    const o = tupleOf(p);
    const e: CtEntry = {
      proto: p.proto, orig: o, reply: { src: o.dst, sport: o.dport, dst: o.src, dport: o.sport },
      state: p.tcp ? 'SYN_SENT' : '', expires: 0, replied: false, assured: false, finOrig: false, finReply: false,
    };
    e.expires = this._clock.now + this.timeout(e);
    this._m.set(keyOf(e.proto, e.orig), { e, dir: 0 });
    this._m.set(keyOf(e.proto, e.reply), { e, dir: 1 });
    return { e, dir: 0, isNew: true };
  }

  /** NAT chose a new reply tuple: re-key the entry. */
  setReply(e: CtEntry, reply: Tuple): void {
    this._m.delete(keyOf(e.proto, e.reply));
    e.reply = reply;
    this._m.set(keyOf(e.proto, reply), { e, dir: 1 });
  }

  /** Whether a reply tuple is already taken (NAT picks another port then). */
  taken(proto: string, t: Tuple): boolean { return this._m.has(keyOf(proto, t)); }

  remove(e: CtEntry): void {
    const a = this._m.get(keyOf(e.proto, e.orig));
    if (a && a.e === e) this._m.delete(keyOf(e.proto, e.orig));
    const b = this._m.get(keyOf(e.proto, e.reply));
    if (b && b.e === e) this._m.delete(keyOf(e.proto, e.reply));
  }

  private timeout(e: CtEntry): number {
    if (e.proto === 'tcp') return TIMEOUTS[e.state] ?? 60 * S;
    if (e.proto === 'udp') return (e.assured ? 120 : 30) * S;
    return 30 * S;
  }

  private update(r: CtRef, p: Ipv4Packet): void {
    const e = r.e;
    if (r.dir === 1 && !e.replied) e.replied = true;
    else if (r.dir === 0 && e.replied && !e.assured && e.proto === 'udp') e.assured = true;
    const t = p.tcp;
    if (t) {
      if (t.flags & TCP_RST) e.state = 'CLOSE';
      else if ((t.flags & TCP_SYN) && (t.flags & TCP_ACK) && r.dir === 1 && e.state === 'SYN_SENT') e.state = 'SYN_RECV';
      else if ((t.flags & TCP_FIN)) {
        if (r.dir === 0) e.finOrig = true; else e.finReply = true;
        e.state = e.finOrig && e.finReply ? 'LAST_ACK' : 'FIN_WAIT';
      } else if (t.flags & TCP_ACK) {
        if (e.state === 'SYN_RECV') { e.state = 'ESTABLISHED'; e.assured = true; }
        else if (e.state === 'LAST_ACK') e.state = 'TIME_WAIT';
      }
    }
    e.expires = this._clock.now + this.timeout(e);
  }

  list(): ConntrackInfo[] {
    const out: ConntrackInfo[] = [];
    const now = this._clock.now;
    for (const [k, { e, dir }] of this._m) {
      if (dir !== 0) continue;
      if (e.expires <= now) { this.remove(e); void k; continue; }
      const t = (x: Tuple) => ({ src: fmtIp(x.src), dst: fmtIp(x.dst), sport: x.sport, dport: x.dport });
      out.push({ proto: e.proto, state: e.state, timeout: Math.floor((e.expires - now) / 1000), orig: t(e.orig), reply: t(e.reply),
        assured: e.assured, replied: e.replied });
    }
    return out;
  }

  flush(): void { this._m.clear(); }
}
