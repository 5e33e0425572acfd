// tcpdump(8) 4.99 (Ubuntu 24.04 server installs it): an AF_PACKET socket
// bound to -i IFACE (or "any"), a pcap-filter expression, one line per
// packet stamped with the virtual clock, the banner and the counts on
// stderr; stops after -c N packets or on SIGINT/SIGTERM.
//   -i IF  -n/-nn  -c N  -e  -l  -t  -v  -D  -p

import { isSysError, AF_PACKET, SOCK_RAW, SIGINT, SIGTERM, EINTR, ENODEV, EPERM } from '@dockersim/kernel';
import type { CapturedFrame } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';
import { readFile } from '../libc/io.ts';
import { compileFilter, FilterError } from './tcpdump-filter.ts';
import { TcpdumpPrinter } from './tcpdump-print.ts';
import { Services } from './sockets.ts';

const USAGE = `tcpdump version 4.99.4
libpcap version 1.10.4 (with TPACKET_V3)
OpenSSL 3.0.13 30 Jan 2024
Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
		[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
		[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
		[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
		[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
		[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
		[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
		[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

function clock(ms: number): string {
  const us = Math.floor(ms * 1000 + 1e-6);
  const day = 86_400_000_000;
  const t = ((us % day) + day) % day;
  const h = Math.floor(t / 3_600_000_000), m = Math.floor(t / 60_000_000) % 60, s = Math.floor(t / 1_000_000) % 60;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(h)}:${p2(m)}:${p2(s)}.${String(t % 1_000_000).padStart(6, '0')}`;
}

export async function tcpdump(a: App): Promise<number> {
  const sys = a.sys;
  let dev: string | null = null, count = Infinity, numeric = 0, eflag = false, verbose = 0, stamp = true, list = false;
  const rest: string[] = [];
  const args = a.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--') { rest.push(...args.slice(i + 1)); break; }
    if (!w.startsWith('-') || w === '-') { rest.push(w); continue; }
    if (w === '--version') { await a.write(USAGE.split('\n').slice(0, 3).join('\n') + '\n'); return 0; }
    if (w === '--help' || w === '-h') { await sys.write(2, USAGE); return 0; }
    for (let j = 1; j < w.length; j++) {
      const c = w[j]!;
      const arg = async (): Promise<string | null> => {
        const v = j + 1 < w.length ? w.slice(j + 1) : args[++i];
        j = w.length;
        if (v === undefined) { await sys.write(2, `tcpdump: option requires an argument -- '${c}'\n${USAGE}`); return null; }
        return v;
      };
      if (c === 'i') { const v = await arg(); if (v === null) return 1; dev = v; }
      else if (c === 'c') {
        const v = await arg(); if (v === null) return 1;
        if (!/^\d+$/.test(v) || Number(v) <= 0) { await sys.write(2, `tcpdump: invalid packet count ${v}\n`); return 1; }
        count = Number(v);
      } else if (c === 's') { const v = await arg(); if (v === null) return 1; }
      else if (c === 'n') numeric++;
      else if (c === 'e') eflag = true;
      else if (c === 'v') verbose++;
      else if (c === 't') stamp = false;
      else if (c === 'D') list = true;
      else if ('lpqSKN#'.includes(c)) continue;
      else { await sys.write(2, `tcpdump: invalid option -- '${c}'\n${USAGE}`); return 1; }
    }
  }
  const links = sys.netlink('link.list', {});
  if (list) {
    let n = 1;
    const up = links.filter((l) => l.kind !== 'loopback');
    let out = '';
    for (const l of up) out += `${n++}.${l.name} [Up${l.flags & 0x40 ? ', Running' : ''}, Connected]\n`;
    out += `${n++}.any (Pseudo-device that captures on all interfaces) [Up, Running]\n`;
    for (const l of links.filter((x) => x.kind === 'loopback')) out += `${n++}.${l.name} [Up, Running, Loopback]\n`;
    await a.write(out);
    return 0;
  }
  let filter;
  try { filter = compileFilter(rest); } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    await sys.write(2, `tcpdump: can't parse filter expression: ${e.message}\n`);
    return 1;
  }
  if (dev === null) dev = links.find((l) => l.kind !== 'loopback' && l.flags & 0x1)?.name ?? 'any';

  let fd: number;
  try {
    fd = sys.socket(AF_PACKET, SOCK_RAW, 0);
    sys.bind(fd, { path: dev });
  } catch (e) {
    if (!isSysError(e)) throw e;
    if (e.errno === EPERM) {
      await sys.write(2, `tcpdump: ${dev}: You don't have permission to perform this capture on that device\n(socket: Operation not permitted)\n`);
    } else if (e.errno === ENODEV) {
      await sys.write(2, `tcpdump: ${dev}: No such device exists\n(No such device exists)\n`);
    } else await sys.write(2, `tcpdump: ${dev}: ${a.strerror(e.errno)}\n`);
    return 1;
  }
  const any = dev === 'any';
  if (!verbose) await sys.write(2, 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n');
  await sys.write(2, `listening on ${dev}, link-type ${any ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)'}, snapshot length 262144 bytes\n`);

  const services = numeric >= 2 ? null : await Services.load(sys);
  const hosts = numeric ? new Map<string, string>() : await hostsByAddr(a);
  const printer = new TcpdumpPrinter({
    numeric, eflag,
    hostName: (x) => hosts.get(x) ?? null,
    portName: (p, proto) => services?.name(p, proto) ?? null,
  });
  let stop = false;
  const onSig = (): void => { stop = true; };
  sys.sigaction(SIGINT, onSig);
  sys.sigaction(SIGTERM, onSig);
  const epoch = sys.now() - sys.uptime();
  const macs = new Map(links.map((l) => [l.name, l.mac]));
  const loopbacks = new Set(links.filter((l) => l.kind === 'loopback').map((l) => l.name));
  let captured = 0;
  while (!stop && captured < count) {
    let c: CapturedFrame;
    try { c = (await sys.recvmsg(fd)) as CapturedFrame; } catch (e) {
      if (isSysError(e) && e.errno === EINTR) continue;
      throw e;
    }
    // a loopback device shows each packet once (the copy going out)
    if (loopbacks.has(c.ifname) && c.dir === 'in') continue;
    if (!filter(c.frame)) continue;
    captured++;
    let line = stamp ? `${clock(epoch + c.t)} ` : '';
    if (any) line += `${c.ifname.padEnd(5)} ${packetType(c, macs).padEnd(3)} `;
    line += printer.line(c.frame, c.t);
    await a.write(line + '\n');
    await a.out.flush();
  }
  sys.close(fd);
  await a.out.flush();
  await sys.write(2, `${stop ? '\n' : ''}${captured} packet${captured === 1 ? '' : 's'} captured\n${captured} packet${captured === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`);
  return 0;
}

/** The cooked header's packet type: In (to us), B(roadcast), P (to another host, seen in promiscuous mode), Out. */
function packetType(c: CapturedFrame, macs: Map<string, string>): string {
  if (c.dir === 'out') return 'Out';
  if (c.frame.dst === 'ff:ff:ff:ff:ff:ff') return 'B';
  const mine = macs.get(c.ifname);
  return mine === undefined || mine === c.frame.dst || c.frame.dst === '00:00:00:00:00:00' ? 'In' : 'P';
}

async function hostsByAddr(a: App): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  let t = '';
  try { t = await readFile(a.sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
  for (const l of t.split('\n')) {
    const f = l.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && /^\d+\.\d+\.\d+\.\d+$/.test(f[0]!) && !m.has(f[0]!)) m.set(f[0]!, f[1]!);
  }
  return m;
}
