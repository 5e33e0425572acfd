// /proc/net/{tcp,udp,raw,route,arp,unix} (net/ipv4/tcp_ipv4.c, udp.c,
// fib_trie.c, arp.c, net/unix/af_unix.c formats): the reader's network
// namespace, for netstat, ss, route and arp.

import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { SOCK_STREAM } from '../abi/flags.ts';
import { socketsOf } from '../net/netlink.ts';
import { mainTable } from '../net/route.ts';
import { neighList } from '../net/arp.ts';
import { ip, maskOf } from '../net/addr.ts';
import type { SockInfo } from '../net/api.ts';

const TCP_STATE: Record<string, number> = {
  ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6, CLOSE: 7, CLOSE_WAIT: 8,
  LAST_ACK: 9, LISTEN: 10, CLOSING: 11, UNCONN: 7,
};

/** An address as /proc prints it: the in-memory (network order) word read as little-endian. */
function hexAddr(a: number): string {
  return ((((a & 255) << 24) >>> 0) + (((a >>> 8) & 255) << 16) + (((a >>> 16) & 255) << 8) + (a >>> 24))
    .toString(16).toUpperCase().padStart(8, '0');
}
function hex(n: number, w: number): string { return n.toString(16).toUpperCase().padStart(w, '0'); }
function sockLine(i: number, s: SockInfo): string {
  return `${String(i).padStart(4)}: ${hexAddr(ip(s.local.addr))}:${hex(s.local.port, 4)} ${hexAddr(ip(s.remote.addr))}:${hex(s.remote.port, 4)} `
    + `${hex(TCP_STATE[s.state] ?? 7, 2)} ${hex(s.sendQ && s.state !== 'LISTEN' ? s.sendQ : 0, 8)}:${hex(s.recvQ, 8)} 00:00000000 00000000 `
    + `${String(s.uid).padStart(5)}        0 ${s.inode}`;
}

/** tcp (and tcp6: IPv6 sockets are not modelled, so only its header). */
export function tcpText(p: Proc, v6 = false): string {
  if (v6) return '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const lines = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'];
  socketsOf(p.ns.net, 'tcp').forEach((s, i) => lines.push(sockLine(i, s) + ' 1 0000000000000000 100 0 0 10 0'));
  return lines.map((l) => l.padEnd(149) + '\n').join('');
}

export function udpText(p: Proc, proto: 'udp' | 'raw' = 'udp', v6 = false): string {
  if (v6) return '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n';
  const lines = ['   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops'];
  socketsOf(p.ns.net, proto).forEach((s, i) => lines.push(' ' + sockLine(i, s) + ' 2 0000000000000000 0'));
  return lines.map((l) => l.padEnd(127) + '\n').join('');
}

export function routeText(p: Proc): string {
  const lines = ['Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'];
  for (const r of mainTable(p.ns.net)) {
    const flags = 1 | (r.gw ? 2 : 0) | (r.len === 32 ? 4 : 0);
    lines.push(`${r.dev.name}\t${hexAddr(r.net)}\t${hexAddr(r.gw)}\t${hex(flags, 4)}\t0\t0\t${r.metric}\t${hexAddr(maskOf(r.len))}\t0\t0\t0`);
  }
  return lines.map((l) => l.padEnd(127) + '\n').join('');
}

export function arpText(p: Proc): string {
  let s = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const n of neighList(p.ns.net)) {
    const flags = n.state === 'PERMANENT' ? 0x6 : n.state === 'INCOMPLETE' || n.state === 'FAILED' ? 0 : 0x2;
    s += `${n.dst.padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${(n.lladdr ?? '00:00:00:00:00:00').padEnd(17)}     ${'*'.padEnd(8)} ${n.dev}\n`;
  }
  return s;
}

export function unixText(k: Kernel, p: Proc): string {
  let out = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  for (const s of k.unixBound.values()) {
    if (s.netns && s.netns !== p.ns.net) continue;
    const listening = s.state === 'listening';
    out += `0000000000000000: ${hex(2, 8)} 00000000 ${listening ? '00010000' : '00000000'} `
      + `${hex(s.type === SOCK_STREAM ? 1 : 5, 4)} ${listening ? '01' : '03'} ${s.ino} ${s.path}\n`;
  }
  return out;
}
