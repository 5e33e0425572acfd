// netstat(8) as busybox 1.36 has it (alpine, busybox): -l -a -n -t -u -w -x
// -p -W over /proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix}, the files it reads
// on Linux; PID/Program name from /proc/PID/fd and cmdline. Ubuntu does not
// install net-tools, so the GNU flavour has no netstat.

import { isSysError } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';
import { readFile } from '../libc/io.ts';
import { socketOwners, Services } from './sockets.ts';

const CONNECTED = 1, LISTENING = 2;
const TCP_STATES = ['', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT',
  'LAST_ACK', 'LISTEN', 'CLOSING'];
const SO_ACCEPTCON = 1 << 16;

interface InetLine { local: number; lport: number; remote: number; rport: number; state: number; txq: number; rxq: number; inode: number }

/** "0100007F:1F90" style fields of /proc/net/tcp: the address word is little-endian. */
function parseInet(line: string): InetLine | null {
  const m = /^\s*\d+:\s+([0-9A-Fa-f]+):([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+):([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+):([0-9A-Fa-f]+)\s+\S+\s+\S+\s+(\d+)\s+\d+\s+(\d+)/.exec(line);
  if (!m || m[1]!.length > 8) return null;
  const word = (h: string): number => {
    const v = parseInt(h, 16);
    return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
  };
  return { local: word(m[1]!), lport: parseInt(m[2]!, 16), remote: word(m[3]!), rport: parseInt(m[4]!, 16),
    state: parseInt(m[5]!, 16), txq: parseInt(m[6]!, 16), rxq: parseInt(m[7]!, 16), inode: Number(m[9]) };
}

function dotted(a: number): string { return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`; }

export async function netstat(a: App): Promise<number> {
  const { o } = await a.opts({ short: 'laentuwxWpr' }, '[-ral] [-tuwx] [-enWp]');
  let flags = CONNECTED;
  if (o.has('l')) flags = LISTENING;
  if (o.has('a')) flags = LISTENING | CONNECTED;
  const numeric = o.has('n');
  const width = o.has('W') ? 51 : 23;
  const prg = o.has('p');
  let protos = ['t', 'u', 'w', 'x'].filter((c) => o.has(c));
  if (!protos.length) protos = ['t', 'u', 'w', 'x'];
  if (o.has('r')) return routes(a, numeric);

  const owners = new Map<number, string>();
  if (prg) {
    const r = await socketOwners(a.sys);
    // the first process found keeps the inode, as "PID/argv0" cut to 19 characters
    for (const [ino, list] of r.owners) {
      const x = list[0]!;
      owners.set(ino, `${x.pid}/${x.argv0.slice(x.argv0.lastIndexOf('/') + 1)}`.slice(0, 19));
    }
    if (r.denied) await a.error(r.owners.size ? 'showing only processes with your user ID' : "can't scan /proc - are you root?");
  }
  const banner = prg ? 'PID/Program name    ' : '';
  const services = numeric ? null : await Services.load(a.sys);
  const hosts = numeric ? new Map<string, string>() : await hostNames(a);
  const hostPort = (addr: number, port: number, proto: string): string => {
    const d = dotted(addr);
    const host = hosts.get(d) ?? d;
    const p = port === 0 ? '*' : services?.name(port, proto) ?? String(port);
    return `${host}:${p}`;
  };
  const which = (flags & (LISTENING | CONNECTED)) === (LISTENING | CONNECTED) ? '(servers and established)'
    : flags & LISTENING ? '(only servers)' : '(w/o servers)';

  if (protos.some((p) => p !== 'x')) {
    await a.write(`Active Internet connections ${which}\nProto Recv-Q Send-Q ${'Local Address'.padEnd(width)} ${'Foreign Address'.padEnd(width)} State       ${banner}\n`);
  }
  const line = async (p: InetLine, state: string, proto: string, connected: boolean): Promise<void> => {
    if (!((connected && flags & CONNECTED) || (!connected && flags & LISTENING))) return;
    let s = `${proto}   ${String(p.rxq).padStart(6)} ${String(p.txq).padStart(6)} ${hostPort(p.local, p.lport, proto).padEnd(width)} `
      + `${hostPort(p.remote, p.rport, proto).padEnd(width)} ${state.padEnd(12)}`;
    if (prg) s += owners.get(p.inode) ?? '-';
    await a.write(s + '\n');
  };
  const each = async (file: string, fn: (p: InetLine) => Promise<void>): Promise<void> => {
    let text: string;
    try { text = await readFile(a.sys, file); } catch (e) {
      if (!isSysError(e)) throw e;
      await a.error(`can't open '${file}': ${a.strerror(e.errno)}`);
      return;
    }
    for (const l of text.split('\n').slice(1)) {
      const p = parseInet(l);
      if (p) await fn(p);
    }
  };
  if (protos.includes('t')) {
    for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) await each(f, (p) => line(p, TCP_STATES[p.state] ?? '', 'tcp', p.rport !== 0));
  }
  if (protos.includes('u')) {
    for (const f of ['/proc/net/udp', '/proc/net/udp6']) {
      await each(f, (p) => line(p, p.state === 1 ? 'ESTABLISHED' : p.state === 7 ? '' : 'UNKNOWN', 'udp', p.remote !== 0));
    }
  }
  if (protos.includes('w')) {
    for (const f of ['/proc/net/raw', '/proc/net/raw6']) await each(f, (p) => line(p, String(p.state), 'raw', p.remote !== 0));
  }
  if (protos.includes('x')) {
    await a.write(`Active UNIX domain sockets ${which}\nProto RefCnt Flags       Type       State         I-Node ${banner}Path\n`);
    let text = '';
    try { text = await readFile(a.sys, '/proc/net/unix'); } catch (e) { if (!isSysError(e)) throw e; }
    for (const l of text.split('\n').slice(1)) {
      const m = /^\S+: ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) (\d+) ?(.*)$/.exec(l);
      if (!m) continue;
      const refcnt = parseInt(m[1]!, 16), uflags = parseInt(m[3]!, 16), type = parseInt(m[4]!, 16), state = parseInt(m[5]!, 16);
      const inode = Number(m[6]);
      const listening = state === 1 && (uflags & SO_ACCEPTCON) !== 0;
      if ((flags & (LISTENING | CONNECTED)) !== (LISTENING | CONNECTED)) {
        if (listening ? !(flags & LISTENING) : !(flags & CONNECTED)) continue;
      }
      const tname = ({ 1: 'STREAM', 2: 'DGRAM', 3: 'RAW', 4: 'RDM', 5: 'SEQPACKET' } as Record<number, string>)[type] ?? 'UNKNOWN';
      const sname = state === 0 ? 'FREE' : state === 1 ? (listening ? 'LISTENING' : '') : state === 2 ? 'CONNECTING'
        : state === 3 ? 'CONNECTED' : state === 4 ? 'DISCONNECTING' : 'UNKNOWN';
      const fl = `[ ${listening ? 'ACC ' : ''}]`;
      let s = `${'unix'.padEnd(5)} ${String(refcnt).padEnd(6)} ${fl.padEnd(11)} ${tname.padEnd(10)} ${sname.padEnd(13)} ${String(inode).padStart(6)} `;
      if (prg) s += (owners.get(inode) ?? '-').padEnd(20);
      await a.write(s + m[7] + '\n');
    }
  }
  return 0;
}

/** /etc/hosts, address → first name (what the reverse lookup finds first). */
async function hostNames(a: App): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  let text = '';
  try { text = await readFile(a.sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
  for (const l of text.split('\n')) {
    const f = l.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && !m.has(f[0]!)) m.set(f[0]!, f[1]!);
  }
  return m;
}

/** netstat -r: busybox's bb_displayroutes over /proc/net/route. */
async function routes(a: App, numeric: boolean): Promise<number> {
  let text = '';
  try { text = await readFile(a.sys, '/proc/net/route'); } catch (e) { if (!isSysError(e)) throw e; }
  await a.write('Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n');
  for (const l of text.split('\n').slice(1)) {
    const f = l.trim().split(/\s+/);
    if (f.length < 8) continue;
    const le = (h: string): string => { const v = parseInt(h, 16); return dotted((((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0); };
    const dst = le(f[1]!), gw = le(f[2]!), mask = le(f[7]!);
    const fl = parseInt(f[3]!, 16);
    const flags = `${fl & 1 ? 'U' : ''}${fl & 2 ? 'G' : ''}${fl & 4 ? 'H' : ''}`;
    const name = (x: string, isDst: boolean): string => (numeric || x !== '0.0.0.0' ? x : isDst ? 'default' : '*');
    await a.write(`${name(dst, true).padEnd(15)} ${name(gw, false).padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} ${'0'.padStart(5)} ${'0'.padStart(6)} ${'0'.padStart(5)} ${f[0]}\n`);
  }
  return 0;
}
