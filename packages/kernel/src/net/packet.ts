// Packets as plain data: an Ethernet frame carries an ARP message or an IPv4
// packet, which carries a TCP segment, a UDP datagram or an ICMP message.
// No checksums and no byte encoding: each layer is an object, so a frame can
// be shown (tcpdump), copied and compared. NAT rewrites the IPv4 and port
// fields of a copy, never of a frame someone else still holds.

export interface ArpMsg { op: 1 | 2; sha: string; spa: number; tha: string; tpa: number }

export const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;

export interface TcpSeg {
  sport: number; dport: number;
  flags: number;
  seq: number; ack: number;
  win: number;
  data: Uint8Array | null;
}

export interface UdpDgram { sport: number; dport: number; data: Uint8Array }

export const ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_ECHO = 8, ICMP_TIME_EXCEEDED = 11;
export const ICMP_NET_UNREACH = 0, ICMP_HOST_UNREACH = 1, ICMP_PORT_UNREACH = 3;

export interface IcmpMsg {
  type: number; code: number;
  /** echo: identifier and sequence */
  id: number; seq: number;
  data: Uint8Array;
  /** errors: the offending packet (its header and first bytes) */
  orig?: Ipv4Packet;
}

export interface Ipv4Packet {
  src: number; dst: number;
  ttl: number;
  id: number;
  proto: 'tcp' | 'udp' | 'icmp';
  tcp?: TcpSeg; udp?: UdpDgram; icmp?: IcmpMsg;
}

export interface EthFrame {
  src: string; dst: string;
  arp?: ArpMsg;
  ip?: Ipv4Packet;
}

const IP_HDR = 20, TCP_HDR = 20, UDP_HDR = 8, ICMP_HDR = 8, ETH_HDR = 14;

/** Length of the IPv4 packet in bytes (what counters and tcpdump's "length" count). */
export function ipLength(p: Ipv4Packet): number {
  if (p.tcp) return IP_HDR + TCP_HDR + (p.tcp.flags & TCP_SYN ? 20 : 12) + (p.tcp.data?.length ?? 0);
  if (p.udp) return IP_HDR + UDP_HDR + p.udp.data.length;
  if (p.icmp) return IP_HDR + ICMP_HDR + (p.icmp.orig ? IP_HDR + 8 : p.icmp.data.length);
  return IP_HDR;
}

export function frameLength(f: EthFrame): number {
  return ETH_HDR + (f.arp ? 28 : f.ip ? ipLength(f.ip) : 0);
}

/** A copy of the IPv4 packet whose header and ports NAT may rewrite. */
export function copyIp(p: Ipv4Packet): Ipv4Packet {
  const q: Ipv4Packet = { src: p.src, dst: p.dst, ttl: p.ttl, id: p.id, proto: p.proto };
  if (p.tcp) q.tcp = { ...p.tcp };
  if (p.udp) q.udp = { ...p.udp };
  if (p.icmp) q.icmp = { ...p.icmp };
  return q;
}

/** Source and destination ports (ICMP echo: the identifier, both ways, as conntrack keys it). */
export function ports(p: Ipv4Packet): [number, number] {
  if (p.tcp) return [p.tcp.sport, p.tcp.dport];
  if (p.udp) return [p.udp.sport, p.udp.dport];
  if (p.icmp) return [p.icmp.id, p.icmp.id];
  return [0, 0];
}

export function setPorts(p: Ipv4Packet, sport: number, dport: number): void {
  if (p.tcp) { p.tcp.sport = sport; p.tcp.dport = dport; }
  else if (p.udp) { p.udp.sport = sport; p.udp.dport = dport; }
  else if (p.icmp && (p.icmp.type === ICMP_ECHO || p.icmp.type === ICMP_ECHOREPLY)) p.icmp.id = sport;
}
