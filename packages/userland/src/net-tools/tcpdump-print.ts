// tcpdump 4.99's one-line decode of a captured frame (print-ether.c,
// print-arp.c, print-ip.c, print-tcp.c, print-udp.c, print-icmp.c,
// print-domain.c, HTTP's first line): what follows the timestamp.
// The frames are the kernel's objects, so lengths are computed the way the
// kernel counts them (20-byte IP and TCP headers; TCP options: 20 bytes on
// SYNs, the 12-byte timestamp option otherwise).

import type { EthFrame, Ipv4Packet, TcpSeg } from '@dockersim/kernel';
import { decodeDns, TYPE_NAMES } from '../libc/dns.ts';
import { text } from '../libc/io.ts';

const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;

export function dotted(a: number): string { a >>>= 0; return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`; }

export function tcpOptLen(t: TcpSeg): number { return t.flags & TCP_SYN ? 20 : 12; }

export function ipLen(p: Ipv4Packet): number {
  if (p.tcp) return 40 + tcpOptLen(p.tcp) + (p.tcp.data?.length ?? 0);
  if (p.udp) return 28 + p.udp.data.length;
  if (p.icmp) return 28 + (p.icmp.orig ? 28 : p.icmp.data.length);
  return 20;
}

export function frameLen(f: EthFrame): number { return 14 + (f.arp ? 28 : f.ip ? ipLen(f.ip) : 0); }

export interface PrintOptions {
  /** -n: no host names; -nn (2): no port names either (4.99 counts -n once for both when >=1 for hosts). */
  numeric: number;
  /** -e: the link-level header. */
  eflag: boolean;
  /** Address → name (the /etc/hosts reverse lookup), port/proto → service name. */
  hostName(addr: string): string | null;
  portName(port: number, proto: 'tcp' | 'udp'): string | null;
}

/** tcpdump's per-run state: initial sequence numbers per connection (relative seq/ack), timestamps seen. */
export class TcpdumpPrinter {
  private readonly _isn = new Map<string, { seq: number; ack: number }>();
  private readonly _tsSeen = new Map<string, number>();

  constructor(private readonly o: PrintOptions) {}

  private host(a: number): string {
    const d = dotted(a);
    return this.o.numeric ? d : this.o.hostName(d) ?? d;
  }

  private port(p: number, proto: 'tcp' | 'udp'): string {
    return this.o.numeric ? String(p) : this.o.portName(p, proto) ?? String(p);
  }

  /** The line after the timestamp (and, for "any", the interface and direction). */
  line(f: EthFrame, t: number): string {
    const body = f.arp ? this.arp(f) : f.ip ? this.ip(f.ip, t) : 'unknown';
    if (!this.o.eflag) return `${f.arp ? 'ARP, ' : f.ip ? 'IP ' : ''}${body}`;
    const type = f.arp ? 'ARP (0x0806)' : 'IPv4 (0x0800)';
    return `${f.src} > ${f.dst}, ethertype ${type}, length ${frameLen(f)}: ${body}`;
  }

  private arp(f: EthFrame): string {
    const a = f.arp!;
    if (a.op === 1) {
      const tha = a.tha && a.tha !== '00:00:00:00:00:00' && a.tha !== 'ff:ff:ff:ff:ff:ff' ? ` (${a.tha})` : '';
      return `Request who-has ${this.host(a.tpa)}${tha} tell ${this.host(a.spa)}, length 28`;
    }
    return `Reply ${this.host(a.spa)} is-at ${a.sha}, length 28`;
  }

  private ip(p: Ipv4Packet, t: number): string {
    if (p.tcp) return this.tcp(p, p.tcp, t);
    if (p.udp) {
      const u = p.udp;
      const head = `${this.host(p.src)}.${this.port(u.sport, 'udp')} > ${this.host(p.dst)}.${this.port(u.dport, 'udp')}: `;
      if (u.sport === 53 || u.dport === 53) return head + dns(u.data, false);
      return `${head}UDP, length ${u.data.length}`;
    }
    const i = p.icmp!;
    const head = `${this.host(p.src)} > ${this.host(p.dst)}: ICMP `;
    const plen = ipLen(p) - 20;
    if (i.type === 8 || i.type === 0) return `${head}echo ${i.type === 8 ? 'request' : 'reply'}, id ${i.id}, seq ${i.seq}, length ${plen}`;
    if (i.type === 3) {
      const o = i.orig;
      let what = 'unreachable';
      if (i.code === 0) what = `net ${o ? this.host(o.dst) : ''} unreachable`;
      else if (i.code === 1) what = `host ${o ? this.host(o.dst) : ''} unreachable`;
      else if (i.code === 3 && o) {
        const port = o.tcp ? this.port(o.tcp.dport, 'tcp') : o.udp ? this.port(o.udp.dport, 'udp') : '0';
        what = `${this.host(o.dst)} ${o.proto} port ${port} unreachable`;
      }
      return `${head}${what}, length ${plen}`;
    }
    if (i.type === 11) return `${head}time exceeded in-transit, length ${plen}`;
    return `${head}type-#${i.type}, length ${plen}`;
  }

  private tcp(p: Ipv4Packet, s: TcpSeg, t: number): string {
    let out = `${this.host(p.src)}.${this.port(s.sport, 'tcp')} > ${this.host(p.dst)}.${this.port(s.dport, 'tcp')}: `;
    out += `Flags [${flagString(s.flags)}]`;
    let seq = s.seq >>> 0, ack = s.ack >>> 0;
    if (s.flags & TCP_ACK) {
      // one entry per conversation, keyed in a fixed order (tcp_seq_hash)
      const rev = s.sport > s.dport || (s.sport === s.dport && (p.src >>> 0) > (p.dst >>> 0));
      const key = rev ? `${p.dst}.${s.dport}>${p.src}.${s.sport}` : `${p.src}.${s.sport}>${p.dst}.${s.dport}`;
      const th = this._isn.get(key);
      if (!th || s.flags & TCP_SYN) {
        this._isn.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      } else if (rev) { seq = (seq - th.ack) >>> 0; ack = (ack - th.seq) >>> 0; }
      else { seq = (seq - th.seq) >>> 0; ack = (ack - th.ack) >>> 0; }
    }
    const len = s.data?.length ?? 0;
    if (len > 0 || s.flags & (TCP_SYN | TCP_FIN | TCP_RST)) {
      out += `, seq ${seq}`;
      if (len > 0) out += `:${(seq + len) >>> 0}`;
    }
    if (s.flags & TCP_ACK) out += `, ack ${ack}`;
    out += `, win ${s.win}`;
    if (!(s.flags & TCP_RST) || s.flags & TCP_SYN) out += `, options [${this.options(p, s, t)}]`;
    out += `, length ${len}`;
    if (len > 0 && s.data) out += payload(s, s.data);
    return out;
  }

  /** Linux's options: mss, sackOK, TS, nop, wscale on SYNs; nop, nop, TS after. */
  private options(p: Ipv4Packet, s: TcpSeg, t: number): string {
    const me = `${p.src}.${s.sport}`, peer = `${p.dst}.${s.dport}`;
    const val = (Math.floor(t) + tsOffset(me, peer)) >>> 0;
    this._tsSeen.set(`${me}>${peer}`, val);
    const ecr = s.flags & TCP_SYN && !(s.flags & TCP_ACK) ? 0 : this._tsSeen.get(`${peer}>${me}`) ?? 0;
    if (s.flags & TCP_SYN) {
      const mss = (p.src >>> 24) === 127 || (p.dst >>> 24) === 127 ? 65495 : 1460;
      return `mss ${mss},sackOK,TS val ${val} ecr ${ecr},nop,wscale 7`;
    }
    return `nop,nop,TS val ${val} ecr ${ecr}`;
  }
}

/** A per-connection timestamp offset, as Linux randomises it (here: a hash of the addresses). */
function tsOffset(a: string, b: string): number {
  let h = 2166136261;
  for (const c of `${a}|${b}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % 4000000000;
}

function flagString(f: number): string {
  let s = '';
  if (f & TCP_FIN) s += 'F';
  if (f & TCP_SYN) s += 'S';
  if (f & TCP_RST) s += 'R';
  if (f & TCP_PSH) s += 'P';
  if (f & TCP_ACK) s += '.';
  return s || 'none';
}

const HTTP_METHODS = ['GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE',
  'LABEL', 'MERGE', 'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN',
  'PROPFIND', 'CHECKOUT', 'CCM_POST', 'SUBSCRIBE', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY',
  'MKWORKSPACE', 'UNSUBSCRIBE', 'RPC_CONNECT', 'VERSION-CONTROL', 'BASELINE-CONTROL'];

/** What tcpdump decodes in a TCP payload by port: HTTP's first line (80, 8080), DNS over TCP (53). */
function payload(s: TcpSeg, data: Uint8Array): string {
  const is = (p: number): boolean => s.sport === p || s.dport === p;
  if (is(80) || is(8080)) {
    const first = text(data.subarray(0, Math.min(data.length, 512))).split(/\r?\n/)[0] ?? '';
    const toks = first.split(' ');
    const req = HTTP_METHODS.includes((toks[0] ?? '').toUpperCase());
    const resp = /^\d{3}$/.test(toks[1] ?? '') && /^HTTP\//.test(toks[0] ?? '');
    if (!req && !resp) return ': HTTP';
    return `: HTTP: ${first}`;
  }
  if (is(53) && data.length >= 2) return ` ${dns(data.subarray(2), true)}`;
  return '';
}

const RCODES = ['', ' FormErr', ' ServFail', ' NXDomain', ' NotImp', ' Refused'];

/** print-domain.c without -v: "ID+ A? name. (LEN)", "ID q/a/n A 1.2.3.4 (LEN)". */
export function dns(b: Uint8Array, overTcp: boolean): string {
  let m;
  try { m = decodeDns(b); } catch { return `[|domain]`; }
  void overTcp;
  const fq = (n: string): string => (n.endsWith('.') ? n : `${n}.`);
  const type = (t: number): string => TYPE_NAMES[t] ?? `Type${t}`;
  let s = '';
  if (m.response) {
    s += `${m.id}${RCODES[m.rcode] ?? ` Resp${m.rcode}`}${m.authoritative ? '*' : ''}${m.recursionAvailable ? '' : '-'}${m.truncated ? '|' : ''}`;
    if (m.questions.length !== 1) s += ` [${m.questions.length}q]`;
    s += ` ${m.answers.length}/${m.authority.length}/${m.additional.length}`;
    s += m.answers.map((r) => {
      const d = typeof r.data === 'string' ? (r.type === 1 || r.type === 28 ? r.data : fq(r.data)) : '';
      return ` ${type(r.type)}${d ? ` ${d}` : ''}`;
    }).join(',');
  } else {
    s += `${m.id}${m.recursionDesired ? '+' : ''}`;
    if (m.answers.length) s += ` [${m.answers.length}a]`;
    if (m.questions.length !== 1) s += ` [${m.questions.length}q]`;
    if (m.authority.length) s += ` [${m.authority.length}n]`;
    if (m.additional.length) s += ` [${m.additional.length}au]`;
    for (const q of m.questions) s += ` ${type(q.type)}? ${fq(q.name)}`;
  }
  return `${s} (${b.length})`;
}
