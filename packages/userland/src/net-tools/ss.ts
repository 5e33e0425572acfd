// ss(8) from iproute2 6.1 (Ubuntu 24.04, Debian): the namespace's sockets
// over sys.netlink('sock.list') (what inet_diag gives the real one), with
// -t -u -w -l -a -n -p -H -4 and a `state NAME` / `sport|dport = :PORT`
// filter; processes from /proc/PID/fd like the real one.

import type { SockInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';
import { socketOwners, Services } from './sockets.ts';
import type { SockOwner } from './sockets.ts';
import { renderColumns, ssColumns } from './ss-render.ts';

const SS_ESTABLISHED = 1, SS_SYN_SENT = 2, SS_SYN_RECV = 3, SS_TIME_WAIT = 6, SS_CLOSE = 7, SS_LISTEN = 10;
const SS_ALL = (1 << 12) - 1;
const SS_CONN = SS_ALL & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | (1 << SS_SYN_RECV));

const STATE_NUM: Record<SockInfo['state'], number> = {
  ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6, CLOSE: 7, UNCONN: 7,
  CLOSE_WAIT: 8, LAST_ACK: 9, LISTEN: 10, CLOSING: 11,
};
const STATE_NAME = ['UNKNOWN', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN',
  'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];
const STATE_ARG = ['', 'established', 'syn-sent', 'syn-recv', 'fin-wait-1', 'fin-wait-2', 'time-wait', 'unconnected',
  'close-wait', 'last-ack', 'listening', 'closing'];

type Db = 'tcp' | 'udp' | 'raw';
const DB_DEFAULT_STATES: Record<Db, number> = { tcp: SS_CONN, udp: 1 << SS_ESTABLISHED, raw: 1 << SS_ESTABLISHED };

function scanState(s: string): number | null {
  const l = s.toLowerCase();
  if (l === 'close' || l === 'closed') return 1 << SS_CLOSE;
  if (l === 'syn-rcv') return 1 << SS_SYN_RECV;
  if (l === 'all') return SS_ALL;
  if (l === 'connected') return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN));
  if (l === 'synchronized') return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN) | (1 << SS_SYN_SENT));
  if (l === 'bucket') return (1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT);
  if (l === 'big') return SS_ALL & ~((1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT));
  const i = STATE_ARG.indexOf(l);
  return i > 0 ? 1 << i : null;
}

const LONG: Record<string, string> = {
  '--tcp': 't', '--udp': 'u', '--raw': 'w', '--listening': 'l', '--all': 'a', '--numeric': 'n', '--processes': 'p',
  '--no-header': 'H', '--ipv4': '4', '--resolve': 'r', '--unix': 'x',
};

const USAGE = 'Usage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n';

interface PortFilter { which: 'sport' | 'dport'; port: number }

export async function ss(a: App): Promise<number> {
  const dbs = new Set<Db>();
  let stateFilter = 0, numeric = false, procs = false, header = true;
  let i = 0;
  const args = a.args;
  for (; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--') { i++; break; }
    if (!w.startsWith('-') || w === '-') break;
    const letters = w.startsWith('--') ? LONG[w] : w.slice(1);
    if (letters === undefined) {
      await a.sys.write(2, `ss: unrecognized option '${w}'\n${USAGE}`);
      return 255;
    }
    for (const ch of letters) {
      switch (ch) {
        case 't': dbs.add('tcp'); break;
        case 'u': dbs.add('udp'); break;
        case 'w': dbs.add('raw'); break;
        case 'a': stateFilter = SS_ALL; break;
        case 'l': stateFilter = (1 << SS_LISTEN) | (1 << SS_CLOSE); break;
        case 'n': numeric = true; break;
        case 'p': procs = true; break;
        case 'H': header = false; break;
        case '4': case 'r': case 'e': case 'x': break;
        default:
          await a.sys.write(2, `ss: invalid option -- '${ch}'\n${USAGE}`);
          return 255;
      }
    }
  }
  // the filter: state NAME / exclude NAME, then sport|dport = :PORT
  let sawStates = false;
  const portFilters: PortFilter[] = [];
  while (i < args.length) {
    const w = args[i]!;
    if (w === 'state' || w === 'exclude' || w === 'excl') {
      const v = args[i + 1];
      if (v === undefined) { await a.sys.write(2, 'Command line is not complete. Try option "help"\n'); return 255; }
      const bits = scanState(v);
      if (bits === null) { await a.sys.write(2, `ss: wrong state name: ${v}\n`); return 255; }
      if (w === 'state') { if (!sawStates) stateFilter = 0; stateFilter |= bits; } else { if (!sawStates) stateFilter = SS_ALL; stateFilter &= ~bits; }
      sawStates = true;
      i += 2;
      continue;
    }
    if (w === 'sport' || w === 'dport' || w === 'src' || w === 'dst') {
      let v = args[i + 1] ?? '';
      let n = 2;
      if (v === '=' || v === 'eq' || v === '==') { v = args[i + 2] ?? ''; n = 3; }
      const m = /^:?(\d+)$/.exec(v.startsWith(':') ? v : v.replace(/^.*:/, ':'));
      if (!m || (w !== 'sport' && w !== 'dport')) { await a.sys.write(2, `ss: bad filter\n`); return 255; }
      portFilters.push({ which: w, port: Number(m[1]) });
      i += n;
      continue;
    }
    if (w === 'and' || w === '&&' || w === '(' || w === ')') { i++; continue; }
    await a.sys.write(2, `Error: an inet prefix is expected rather than "${w}".\n`);
    return 255;
  }
  let states: number;
  const all: Db[] = ['raw', 'udp', 'tcp'];
  const shown = dbs.size ? all.filter((d) => dbs.has(d)) : all;
  if (!dbs.size) states = stateFilter || SS_CONN;
  else states = stateFilter || shown.reduce((m, d) => m | DB_DEFAULT_STATES[d], 0);

  const cols = ssColumns();
  // one table (or one family with `-t`): no Netid; one state: no State
  if (dbs.size === 1) cols[0]!.disabled = true;
  if (!(states & (states - 1))) cols[1]!.disabled = true;

  const { owners } = procs ? await socketOwners(a.sys) : { owners: new Map<number, SockOwner[]>() };
  const services = numeric ? null : await Services.load(a.sys);
  const port = (p: number, proto: Db): string => {
    if (p === 0) return '*';
    if (proto === 'raw') return numeric ? String(p) : p === 1 ? 'icmp' : String(p);
    return services?.name(p, proto) ?? String(p);
  };

  const rows: string[][] = [];
  for (const db of shown) {
    let list = a.sys.netlink('sock.list', { proto: db });
    if (db === 'tcp') list = [...list.filter((s) => s.state === 'LISTEN'), ...list.filter((s) => s.state !== 'LISTEN')];
    for (const s of list) {
      const st = STATE_NUM[s.state];
      if (!(states & (1 << st))) continue;
      if (portFilters.some((f) => (f.which === 'sport' ? s.local.port : s.remote.port) !== f.port)) continue;
      const lport = db === 'raw' ? 1 : s.local.port;
      const rport = db === 'raw' ? 0 : s.remote.port;
      let proc = '';
      const o = owners.get(s.inode);
      if (o && o.length) proc = ` users:(${o.slice().reverse().map((x) => `("${x.comm}",pid=${x.pid},fd=${x.fd})`).join(',')})`;
      rows.push([
        db, STATE_NAME[st]!, String(s.recvQ).padEnd(6), String(s.sendQ).padEnd(6),
        `${s.local.addr}:`, port(lport, db), `${s.remote.addr}:`, port(rport, db), proc, '',
      ]);
    }
  }
  let screen: number | null = null;
  if (a.sys.isatty(1)) {
    try { screen = a.sys.getwinsize(1).cols || null; } catch { screen = null; }
  }
  await a.write(renderColumns(cols, rows, screen, header));
  return 0;
}
