// ip(8): iproute2's on the GNU flavour, busybox's on alpine (the same main
// format, minus "group default", link-netnsid and with busybox's route
// spacing). addr|link|route|neigh: show, add, del, set; over sys.netlink.

import { isSysError, EEXIST, ENODEV, ESRCH, EADDRNOTAVAIL, ENETUNREACH, EPERM } from '@dockersim/kernel';
import type { LinkInfo, AddrInfo, RouteInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';

const FLAG_NAMES: [number, string][] = [[0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'],
  [0x80, 'NOARP'], [0x100, 'PROMISC'], [0x1, 'UP'], [0x10000, 'LOWER_UP']];

function flagList(a: App, l: LinkInfo): string {
  const f: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (l.flags & bit) f.push(name);
  if (l.flags & 0x1 && !(l.flags & 0x10000) && l.kind !== 'loopback') f.unshift('NO-CARRIER');
  if (!a.gnu && l.kind === 'veth') f.push('M-DOWN');
  return f.join(',');
}

function linkHead(a: App, l: LinkInfo, all: LinkInfo[]): string {
  let nm = l.name;
  if (l.peerIfindex) nm += l.peerNetnsId !== undefined ? `@if${l.peerIfindex}` : `@${all.find((x) => x.ifindex === l.peerIfindex)?.name ?? 'NONE'}`;
  let s = `${l.ifindex}: ${nm}: <${flagList(a, l)}> mtu ${l.mtu} qdisc ${l.qdisc}`;
  if (l.master) s += ` master ${l.master}`;
  s += ` state ${l.operstate}`;
  if (a.gnu) s += ' group default';
  s += l.kind === 'loopback' ? ' qlen 1000' : ' ';
  let t = `    link/${l.kind === 'loopback' ? 'loopback' : 'ether'} ${l.mac} brd ${l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'}`;
  if (a.gnu && l.peerNetnsId !== undefined) t += ` link-netnsid ${l.peerNetnsId}`;
  return `${s}\n${t}\n`;
}

function addrLines(x: AddrInfo): string {
  if (x.family === 'inet6') return `    inet6 ${x.local}/${x.prefixlen} scope ${x.scope} \n       valid_lft forever preferred_lft forever\n`;
  return `    inet ${x.local}/${x.prefixlen}${x.broadcast ? ` brd ${x.broadcast}` : ''} scope ${x.scope} ${x.dev}\n       valid_lft forever preferred_lft forever\n`;
}

export function routeLine(a: App, r: RouteInfo): string {
  let s = r.type === 'local' ? `local ${r.dst}` : r.type === 'broadcast' ? `broadcast ${r.dst}` : r.dst;
  if (r.gateway) s += ` via ${r.gateway}`;
  s += ` dev ${r.dev}`;
  if (r.table === 'local') s += ' table local';
  if (a.gnu) {
    if (r.proto !== 'boot') s += ` proto ${r.proto}`;
    if (r.scope !== 'global') s += ` scope ${r.scope}`;
    if (r.src) s += ` src ${r.src}`;
    if (r.metric) s += ` metric ${r.metric}`;
    if (r.linkdown) s += ' linkdown';
    return s + ' \n';
  }
  if (r.proto !== 'boot' && r.proto !== 'kernel') s += ` proto ${r.proto}`;
  if (r.scope !== 'global') s += ` scope ${r.scope} `;
  if (r.src) s += ` src ${r.src}`;
  if (r.metric) s += ` metric ${r.metric}`;
  return s + ' \n';
}

const OBJECTS = ['address', 'link', 'route', 'neighbour'];

function objectOf(w: string): string | null {
  if (w === 'a' || w === 'addr') return 'address';
  if (w === 'r' || w === 'ro') return 'route';
  if (w === 'n' || w === 'neigh' || w === 'neighbor') return 'neighbour';
  if (w === 'l') return 'link';
  return OBJECTS.find((o) => o.startsWith(w) && w.length > 0) ?? null;
}

async function fail(a: App, e: unknown, what: string): Promise<number> {
  if (!isSysError(e)) throw e;
  if (e.errno === ENODEV) { await a.sys.write(2, `Cannot find device "${what}"\n`); return 1; }
  if (e.errno === EPERM) { await a.sys.write(2, 'RTNETLINK answers: Operation not permitted\n'); return 2; }
  const text: Record<number, string> = { [EEXIST]: 'File exists', [ESRCH]: 'No such process', [EADDRNOTAVAIL]: 'Cannot assign requested address',
    [ENETUNREACH]: 'Network is unreachable' };
  await a.sys.write(2, `RTNETLINK answers: ${text[e.errno] ?? a.strerror(e.errno)}\n`);
  return 2;
}

function kv(args: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (['dev', 'via', 'src', 'metric', 'lladdr', 'name', 'master', 'mtu', 'address', 'netns', 'type', 'peer', 'brd', 'broadcast', 'to'].includes(w)) m.set(w, args[++i] ?? '');
    else if (w === 'up' || w === 'down' || w === 'nomaster') m.set(w, '1');
    else if (!m.has('_')) m.set('_', w);
  }
  return m;
}

export async function ip(a: App): Promise<number> {
  const args = a.args.filter((x) => !/^-[46]$/.test(x));
  const o = objectOf(args[0] ?? '');
  if (!o) {
    if (!args.length) { await a.sys.write(2, 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n'); return 255; }
    await a.sys.write(2, `Object "${args[0]}" is unknown, try "ip help".\n`);
    return 255;
  }
  const cmd = args[1] ?? 'show';
  const rest = args.slice(2);
  const sys = a.sys;
  const show = ['show', 'list', 'lst', 's', 'sh', 'ls', 'l'].includes(cmd);
  try {
    if (o === 'address' || o === 'link') {
      if (show) {
        const m = kv(rest);
        const dev = m.get('dev') ?? m.get('_');
        const all = sys.netlink('link.list', {});
        const links = dev ? sys.netlink('link.list', { name: dev }) : all;
        const addrs = o === 'address' ? sys.netlink('addr.list', {}) : [];
        for (const l of links) {
          await a.write(linkHead(a, l, all));
          for (const x of addrs) if (x.ifindex === l.ifindex) await a.write(addrLines(x));
        }
        return 0;
      }
      const m = kv(rest);
      if (o === 'address') {
        const dev = m.get('dev') ?? '';
        if (cmd === 'add') { sys.netlink('addr.add', { dev, addr: m.get('_')!, broadcast: m.get('brd') === '+' ? undefined : m.get('brd') }); return 0; }
        if (cmd === 'del') { sys.netlink('addr.del', { dev, addr: m.get('_')! }); return 0; }
        if (cmd === 'flush') { sys.netlink('addr.flush', { dev: m.get('dev') ?? m.get('_')! }); return 0; }
      } else {
        const name = m.get('dev') ?? m.get('name') ?? m.get('_') ?? '';
        if (cmd === 'add') {
          const type = m.get('type');
          if (type === 'veth') sys.netlink('link.add', { name, kind: 'veth', peer: m.get('name') && m.get('name') !== name ? m.get('name')! : rest[rest.indexOf('peer') + 2] ?? `veth${name}` });
          else if (type === 'bridge' || type === 'dummy') sys.netlink('link.add', { name, kind: type });
          else { await sys.write(2, `Error: Unknown device type.\n`); return 2; }
          return 0;
        }
        if (cmd === 'del' || cmd === 'delete') { sys.netlink('link.del', { name }); return 0; }
        if (cmd === 'set') {
          const netns = m.get('netns');
          sys.netlink('link.set', {
            name, up: m.has('up') ? true : m.has('down') ? false : undefined,
            master: m.has('nomaster') ? null : m.get('master'), newName: m.get('name'),
            mtu: m.has('mtu') ? Number(m.get('mtu')) : undefined, mac: m.get('address'),
            netns: netns !== undefined ? { pid: Number(netns) } : undefined,
          });
          return 0;
        }
      }
    } else if (o === 'route') {
      if (show) {
        const table = rest[0] === 'table' ? (rest[1] === 'all' ? 'all' : rest[1] === 'local' ? 'local' : 'main') : 'main';
        for (const r of sys.netlink('route.list', { table })) await a.write(routeLine(a, r));
        return 0;
      }
      const m = kv(rest);
      if (cmd === 'get') {
        const r = sys.netlink('route.get', { dst: m.get('_') ?? m.get('to')! });
        await a.write(`${r.type === 'local' ? 'local ' : ''}${r.dst}${r.gateway ? ` via ${r.gateway}` : ''} dev ${r.dev}${r.type === 'local' ? ' table local' : ''} src ${r.src} uid ${sys.getuid()} \n    cache ${r.type === 'local' ? '<local> ' : ''}\n`);
        return 0;
      }
      const dst = m.get('_') ?? 'default';
      if (cmd === 'add' || cmd === 'replace' || cmd === 'append') {
        sys.netlink('route.add', { dst, gateway: m.get('via'), dev: m.get('dev'), src: m.get('src'), metric: m.has('metric') ? Number(m.get('metric')) : undefined, replace: cmd === 'replace' });
        return 0;
      }
      if (cmd === 'del' || cmd === 'delete') { sys.netlink('route.del', { dst, gateway: m.get('via'), dev: m.get('dev') }); return 0; }
    } else if (o === 'neighbour') {
      if (show) {
        for (const n of sys.netlink('neigh.list', {})) {
          await a.write(`${n.dst} dev ${n.dev}${n.lladdr ? ` lladdr ${n.lladdr}` : ''}${a.gnu && n.state === 'PERMANENT' ? '' : ''} ${n.state}\n`);
        }
        return 0;
      }
      const m = kv(rest);
      if (cmd === 'add' || cmd === 'replace') { sys.netlink('neigh.add', { dst: m.get('_')!, lladdr: m.get('lladdr')!, dev: m.get('dev')!, replace: cmd === 'replace' }); return 0; }
      if (cmd === 'del') { sys.netlink('neigh.del', { dst: m.get('_')!, dev: m.get('dev')! }); return 0; }
    }
    await sys.write(2, `Command "${cmd}" is unknown, try "ip ${o === 'address' ? 'addr' : o} help".\n`);
    return 255;
  } catch (e) {
    return fail(a, e, kv(rest).get('dev') ?? kv(rest).get('_') ?? '');
  }
}
