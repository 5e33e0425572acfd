// /proc/net/{tcp,unix} (net/ipv4/tcp_ipv4.c, net/unix/af_unix.c formats): the
// sockets of the reader's network namespace, for netstat and ss.

import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { AF_INET, SOCK_STREAM } from '../abi/flags.ts';

const TCP_ESTABLISHED = 1, TCP_LISTEN = 10;

function hexAddr(addr: string): string {
  const p = addr.split('.').map(Number);
  return (((p[3]! << 24) >>> 0) + (p[2]! << 16) + (p[1]! << 8) + p[0]!).toString(16).toUpperCase().padStart(8, '0');
}
function hex(n: number, w: number): string { return n.toString(16).toUpperCase().padStart(w, '0'); }

export function tcpText(p: Proc): string {
  const lines = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'.padEnd(149)];
  let i = 0;
  const seen = new Set<unknown>();
  for (const s of p.ns.net.ports.values()) {
    if (s.family !== AF_INET || seen.has(s)) continue;
    seen.add(s);
    const st = s.state === 'listening' ? TCP_LISTEN : TCP_ESTABLISHED;
    const peer = s.peer?.inet;
    const rem = peer ? `${hexAddr(peer.addr)}:${hex(peer.port, 4)}` : '00000000:0000';
    lines.push(`${String(i++).padStart(4)}: ${hexAddr(s.inet!.addr)}:${hex(s.inet!.port, 4)} ${rem} ${hex(st, 2)} `
      + `00000000:00000000 00:00000000 00000000     0        0 ${s.ino} 1 0000000000000000 100 0 0 10 0`);
  }
  return lines.map((l) => l.padEnd(149) + '\n').join('');
}

export function unixText(k: Kernel): string {
  let out = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  for (const s of k.unixBound.values()) {
    const listening = s.state === 'listening';
    out += `0000000000000000: ${hex(2, 8)} 00000000 ${listening ? '00010000' : '00000000'} `
      + `${hex(s.type === SOCK_STREAM ? 1 : 5, 4)} ${listening ? '01' : '03'} ${s.ino} ${s.path}\n`;
  }
  return out;
}
