// sys.netlink: the configuration requests of net/api.ts applied to the
// caller's network namespace (rtnetlink's link/addr/route/neigh messages,
// the bridge's fdb, net sysctls, iptables and conntrack).

import { EBUSY, EEXIST, EINVAL, ENODEV, ENOENT, EOPNOTSUPP, EPERM, EADDRNOTAVAIL, ESRCH, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { getFile } from '../process/fdtable.ts';
import { NsFile } from '../ns/nsfile.ts';
import type { AddrInfo, FdbInfo, LinkInfo, NetlinkOp, NetlinkOps, NetnsRef, RouteInfo, SockInfo } from './api.ts';
import { broadcastOf, fmtIp, ip, maskOf, parsePrefix, randomMac, validMac } from './addr.ts';
import { NetDev, type NetNs } from './netns.ts';
import { addRoute, delRoute, flushDevRoutes, localTable, lookup, mainTable, routeInfo, sourceFor } from './route.ts';
import { neighAdd, neighDel, neighFlushDev, neighList } from './arp.ts';
import { fdbFlushPort, FDB_AGEING_MS } from './dev.ts';
import { netfilterOf } from './ip.ts';
import type { InetSocket } from './inet.ts';

type Args<K extends NetlinkOp> = NetlinkOps[K][0];
type Res<K extends NetlinkOp> = NetlinkOps[K][1];

const READ_ONLY = new Set<NetlinkOp>(['link.list', 'addr.list', 'route.list', 'route.get', 'neigh.list', 'fdb.list',
  'sysctl.get', 'nf.list', 'nf.check', 'conntrack.list', 'sock.list']);

export function netlink<K extends NetlinkOp>(k: Kernel, p: Proc, op: K, args: Args<K>): Res<K> {
  if (!READ_ONLY.has(op) && p.euid !== 0) throw new SysError(EPERM);
  const r = netlinkNs(k, p.ns.net, op, args, (ref) => resolveNetns(p, ref));
  if (k.trace && !READ_ONLY.has(op)) k.emit(p.pid, 'netlink', { op, args: args as unknown as Record<string, unknown> });
  return r;
}

function resolveNetns(p: Proc, ref: NetnsRef): NetNs {
  if ('pid' in ref) {
    const t = p.pidns.procs.get(ref.pid);
    if (!t || !t.alive) throw new SysError(ESRCH);
    return t.ns.net;
  }
  const f = getFile(p, ref.fd);
  if (!(f instanceof NsFile) || f.type !== 'net') throw new SysError(EINVAL);
  return f.ns.net;
}

function need(ns: NetNs, name: string): NetDev {
  const d = ns.dev(name);
  if (!d) throw new SysError(ENODEV);
  return d;
}

function newMac(k: Kernel): string { return randomMac(k.rng.bytes(6)); }

export function linkInfo(ns: NetNs, d: NetDev): LinkInfo {
  const f = d.operFlags;
  const info: LinkInfo = {
    ifindex: d.ifindex, name: d.name, kind: d.kind, mtu: d.mtu, mac: d.mac, flags: f,
    operstate: d.kind === 'loopback' ? (d.up ? 'UNKNOWN' : 'DOWN') : d.carrier ? 'UP' : d.up && d.kind === 'veth' ? 'LOWERLAYERDOWN' : 'DOWN',
    qdisc: d.up ? 'noqueue' : d.kind === 'veth' || d.kind === 'bridge' ? 'noop' : 'noop',
    stats: { rxBytes: d.rxBytes, rxPackets: d.rxPackets, rxDropped: d.rxDropped, txBytes: d.txBytes, txPackets: d.txPackets, txDropped: d.txDropped },
  };
  if (d.kind === 'loopback' || d.kind === 'veth' || d.kind === 'bridge') info.qdisc = d.up ? 'noqueue' : 'noop';
  if (d.master) { info.master = d.master.name; info.portState = d.up && d.carrier ? 'forwarding' : 'disabled'; }
  if (d.peer) {
    info.peerIfindex = d.peer.ifindex;
    if (d.peer.ns !== ns) info.peerNetnsId = ns.nsidOf(d.peer.ns);
  }
  return info;
}

function addDev(ns: NetNs, name: string, kind: NetDev['kind'], mac: string, want = 0): NetDev {
  if (!name || name.length > 15 || /[\s/:]/.test(name)) throw new SysError(EINVAL);
  if (ns.dev(name)) throw new SysError(EEXIST);
  const d = new NetDev(ns, name, ns.allocIfindex(want), kind, mac);
  if (kind === 'bridge') d.br = { ports: [], fdb: new Map() };
  ns.devs.push(d);
  return d;
}

/** Takes a device out of its namespace's tables (deletion or a move). */
function detach(d: NetDev): void {
  const ns = d.ns;
  if (d.master) setMaster(d, null);
  if (d.br) for (const port of d.br.ports.slice()) setMaster(port, null);
  flushDevRoutes(ns, d);
  neighFlushDev(ns, d);
  const i = ns.devs.indexOf(d);
  if (i >= 0) ns.devs.splice(i, 1);
}

export function deleteDev(d: NetDev): void {
  detach(d);
  d.flags &= ~1;
  const peer = d.peer;
  if (peer) { d.peer = null; peer.peer = null; detach(peer); peer.flags &= ~1; }
}

function setMaster(d: NetDev, br: NetDev | null): void {
  const old = d.master;
  if (old) {
    const ports = old.br!.ports;
    const i = ports.indexOf(d);
    if (i >= 0) ports.splice(i, 1);
    fdbFlushPort(old, d);
    d.master = null;
  }
  if (br) {
    if (br.kind !== 'bridge' || br === d || br.ns !== d.ns) throw new SysError(EINVAL);
    if (d.kind === 'bridge') throw new SysError(ELOOP_BRIDGE);
    br.br!.ports.push(d);
    d.master = br;
  }
}
const ELOOP_BRIDGE = 40;

function moveDev(d: NetDev, to: NetNs): void {
  if (to === d.ns) return;
  if (d.kind === 'loopback') throw new SysError(EINVAL);
  if (to.dev(d.name)) throw new SysError(EEXIST);
  detach(d);
  d.flags &= ~1;
  d.inet = [];
  d.ns = to;
  d.ifindex = to.allocIfindex(d.ifindex);
  to.devs.push(d);
}

/** Deletes what a dying namespace held: its devices (a veth takes its peer along), sockets' tables. */
export function destroyNetns(ns: NetNs): void {
  if (ns.dead) return;
  ns.dead = true;
  for (const d of ns.devs.slice()) if (d.kind !== 'loopback') deleteDev(d);
  ns.tcp = null; ns.udp = null; ns.icmp = null; ns.neigh = null; ns.ct = null; ns.nf = null; ns.routes = null;
}

function addrInfo(d: NetDev, x: { a: number; len: number; brd: number }): AddrInfo {
  const info: AddrInfo = { ifindex: d.ifindex, dev: d.name, family: 'inet', local: fmtIp(x.a), prefixlen: x.len,
    scope: d.kind === 'loopback' || (x.a >>> 24) === 127 ? 'host' : 'global' };
  if (x.brd && x.len < 31) info.broadcast = fmtIp(x.brd);
  return info;
}

function sockInfo(s: InetSocket): SockInfo {
  const state: SockInfo['state'] = s.proto !== 'tcp' ? (s.state === 'ESTABLISHED' ? 'ESTABLISHED' : 'UNCONN')
    : s.state === 'CLOSE' ? 'CLOSE' : s.state;
  let recvQ = 0;
  if (s.proto === 'tcp') {
    if (s.state === 'LISTEN') recvQ = s.backlog?.length ?? 0;
    else for (const b of s.rx) recvQ += b.length;
    if (recvQ && s.state !== 'LISTEN') recvQ -= s.rxOff;
  } else for (const d of s.dq ?? []) recvQ += d.data.length;
  return { proto: s.proto === 'icmp' ? 'raw' : s.proto, state, local: { addr: fmtIp(s.laddr), port: s.lport },
    remote: { addr: fmtIp(s.raddr), port: s.rport }, recvQ, sendQ: s.state === 'LISTEN' ? s.maxBacklog : 0, inode: s.ino, uid: s.uid };
}

export function socketsOf(ns: NetNs, proto?: 'tcp' | 'udp' | 'raw'): SockInfo[] {
  const out: SockInfo[] = [];
  const seen = new Set<InetSocket>();
  const add = (s: InetSocket) => { if (!seen.has(s)) { seen.add(s); out.push(sockInfo(s)); } };
  if (!proto || proto === 'tcp') {
    for (const list of ns.tcp?.bound.values() ?? []) for (const s of list) add(s);
    for (const s of ns.tcp?.conn.values() ?? []) add(s);
  }
  if (!proto || proto === 'udp') for (const list of ns.udp?.bound.values() ?? []) for (const s of list) add(s);
  if (!proto || proto === 'raw') for (const s of ns.icmp ?? []) if (s.raw) add(s);
  return out;
}

function sysctlGet(ns: NetNs, key: string): string {
  switch (key) {
    case 'net.ipv4.ip_forward': case 'net.ipv4.conf.all.forwarding': return ns.ipForward ? '1' : '0';
    case 'net.bridge.bridge-nf-call-iptables': return ns.brNfCallIptables ? '1' : '0';
    case 'net.ipv4.ip_local_port_range': return '32768\t60999';
    case 'net.ipv4.conf.all.route_localnet': return '0';
    default: throw new SysError(ENOENT);
  }
}

function sysctlSet(ns: NetNs, key: string, value: string): void {
  switch (key) {
    case 'net.ipv4.ip_forward': case 'net.ipv4.conf.all.forwarding': ns.ipForward = value.trim() === '1'; return;
    case 'net.bridge.bridge-nf-call-iptables': ns.brNfCallIptables = value.trim() === '1'; return;
    case 'net.ipv4.conf.all.route_localnet': return;
    default: throw new SysError(ENOENT);
  }
}

/** The requests against one namespace (the host side uses this too). */
export function netlinkNs<K extends NetlinkOp>(k: Kernel, ns: NetNs, op: K, a: Args<K>, netnsOf: (r: NetnsRef) => NetNs): Res<K> {
  const A = a as never as Record<string, never>;
  void A;
  switch (op) {
    case 'link.list': {
      const { name } = a as Args<'link.list'>;
      if (name) return [linkInfo(ns, need(ns, name))] as Res<K>;
      return ns.devs.slice().sort((x, y) => x.ifindex - y.ifindex).map((d) => linkInfo(ns, d)) as Res<K>;
    }
    case 'link.add': {
      const o = a as Args<'link.add'>;
      if (o.mac && !validMac(o.mac)) throw new SysError(EINVAL);
      if (o.kind === 'veth') {
        const peerNs = o.peerNetns ? netnsOf(o.peerNetns) : ns;
        if (ns.dev(o.name) || peerNs.dev(o.peer) || o.name === o.peer && peerNs === ns) throw new SysError(EEXIST);
        const d = addDev(ns, o.name, 'veth', o.mac ?? newMac(k));
        const q = addDev(peerNs, o.peer, 'veth', newMac(k), peerNs === ns ? 0 : d.ifindex + 1);
        d.peer = q; q.peer = d;
        if (o.mtu) { d.mtu = o.mtu; q.mtu = o.mtu; }
        return linkInfo(ns, d) as Res<K>;
      }
      if (o.kind !== 'bridge' && o.kind !== 'dummy') throw new SysError(EOPNOTSUPP);
      const d = addDev(ns, o.name, o.kind, o.mac ?? newMac(k));
      if (o.mtu) d.mtu = o.mtu;
      return linkInfo(ns, d) as Res<K>;
    }
    case 'link.del': {
      const d = need(ns, (a as Args<'link.del'>).name);
      if (d.kind === 'loopback') throw new SysError(EOPNOTSUPP);
      deleteDev(d);
      return undefined as Res<K>;
    }
    case 'link.set': {
      const o = a as Args<'link.set'>;
      const d = need(ns, o.name);
      if (o.newName !== undefined && o.newName !== d.name) {
        if (d.up) throw new SysError(EBUSY);
        if (ns.dev(o.newName)) throw new SysError(EEXIST);
        if (!o.newName || o.newName.length > 15) throw new SysError(EINVAL);
        d.name = o.newName;
      }
      if (o.mtu !== undefined) { if (o.mtu < 68 || o.mtu > 65535) throw new SysError(EINVAL); d.mtu = o.mtu; }
      if (o.mac !== undefined) { if (!validMac(o.mac)) throw new SysError(EINVAL); d.mac = o.mac; }
      if (o.master !== undefined) setMaster(d, o.master === null ? null : need(ns, o.master));
      if (o.netns) { moveDev(d, netnsOf(o.netns)); return linkInfo(d.ns, d) as Res<K>; }
      if (o.up === true) d.flags |= 1;
      if (o.up === false) {
        d.flags &= ~1;
        flushDevRoutes(ns, d);
        neighFlushDev(ns, d);
        if (d.master) fdbFlushPort(d.master, d);
      }
      return linkInfo(ns, d) as Res<K>;
    }
    case 'addr.list': {
      const { dev } = a as Args<'addr.list'>;
      const out: AddrInfo[] = [];
      for (const d of ns.devs.slice().sort((x, y) => x.ifindex - y.ifindex)) {
        if (dev && d.name !== dev) continue;
        for (const x of d.inet) out.push(addrInfo(d, x));
        if (d.kind === 'loopback' && d.up) out.push({ ifindex: d.ifindex, dev: d.name, family: 'inet6', local: '::1', prefixlen: 128, scope: 'host' });
      }
      if (dev && !ns.dev(dev)) throw new SysError(ENODEV);
      return out as Res<K>;
    }
    case 'addr.add': {
      const o = a as Args<'addr.add'>;
      const d = need(ns, o.dev);
      const [addr, len] = parsePrefix(o.addr.includes('/') ? o.addr : `${o.addr}/32`, true);
      if (d.inet.some((x) => x.a === addr && x.len === len)) throw new SysError(EEXIST);
      const brd = o.broadcast ? ip(o.broadcast) : len < 31 ? broadcastOf(addr, len) : 0;
      d.inet.push({ a: addr, len, brd });
      return undefined as Res<K>;
    }
    case 'addr.del': {
      const o = a as Args<'addr.del'>;
      const d = need(ns, o.dev);
      const [addr, len] = parsePrefix(o.addr.includes('/') ? o.addr : `${o.addr}/32`, true);
      const i = d.inet.findIndex((x) => x.a === addr && (x.len === len || !o.addr.includes('/')));
      if (i < 0) throw new SysError(EADDRNOTAVAIL);
      d.inet.splice(i, 1);
      return undefined as Res<K>;
    }
    case 'addr.flush': {
      const d = need(ns, (a as Args<'addr.flush'>).dev);
      d.inet = [];
      return undefined as Res<K>;
    }
    case 'route.list': {
      const t = (a as Args<'route.list'>).table ?? 'main';
      const out: RouteInfo[] = [];
      if (t !== 'local') {
        const rs = mainTable(ns).slice().sort((x, y) => (x.len === 0 ? -1 : y.len === 0 ? 1 : 0) || (x.net - y.net) || (x.len - y.len) || (x.metric - y.metric));
        for (const r of rs) out.push(routeInfo(ns, r));
      }
      if (t !== 'main') out.push(...localTable(ns));
      return out as Res<K>;
    }
    case 'route.add': addRoute(ns, a as Args<'route.add'>); return undefined as Res<K>;
    case 'route.del': delRoute(ns, a as Args<'route.del'>); return undefined as Res<K>;
    case 'route.get': {
      const dst = ip((a as Args<'route.get'>).dst);
      const r = lookup(ns, dst);
      if (!r) throw new SysError(101);
      const info = routeInfo(ns, r);
      const res = { ...info, dst: fmtIp(dst), src: fmtIp(sourceFor(ns, r, dst)) };
      if (r.dev === ns.lo) { res.type = 'local'; res.table = 'local'; }
      return res as Res<K>;
    }
    case 'neigh.list': return neighList(ns, (a as Args<'neigh.list'>).dev) as Res<K>;
    case 'neigh.add': neighAdd(ns, a as Args<'neigh.add'>); return undefined as Res<K>;
    case 'neigh.del': neighDel(ns, a as Args<'neigh.del'>); return undefined as Res<K>;
    case 'fdb.list': {
      const { bridge } = a as Args<'fdb.list'>;
      const out: FdbInfo[] = [];
      const now = ns.clock.now;
      for (const br of ns.devs) {
        if (br.kind !== 'bridge' || (bridge && br.name !== bridge)) continue;
        for (const [mac, e] of br.br!.fdb) {
          if (now - e.seen > FDB_AGEING_MS) { br.br!.fdb.delete(mac); continue; }
          out.push({ mac, dev: e.port.name, master: br.name, permanent: false, ageing: Math.floor((now - e.seen) / 1000) });
        }
        for (const p of br.br!.ports) out.push({ mac: p.mac, dev: p.name, master: br.name, permanent: true });
        out.push({ mac: br.mac, dev: br.name, master: br.name, permanent: true });
      }
      if (bridge && !ns.dev(bridge)) throw new SysError(ENODEV);
      return out as Res<K>;
    }
    case 'sysctl.get': return sysctlGet(ns, (a as Args<'sysctl.get'>).key) as Res<K>;
    case 'sysctl.set': { const o = a as Args<'sysctl.set'>; sysctlSet(ns, o.key, o.value); return undefined as Res<K>; }
    case 'nf.list': { const o = a as Args<'nf.list'>; return netfilterOf(ns).list(o.table, o.chain) as Res<K>; }
    case 'nf.append': { const o = a as Args<'nf.append'>; netfilterOf(ns).append(o.table, o.chain, o.rule); return undefined as Res<K>; }
    case 'nf.insert': { const o = a as Args<'nf.insert'>; netfilterOf(ns).insert(o.table, o.chain, o.rule, o.index); return undefined as Res<K>; }
    case 'nf.delete': { const o = a as Args<'nf.delete'>; netfilterOf(ns).delete(o.table, o.chain, o.rule, o.index); return undefined as Res<K>; }
    case 'nf.check': { const o = a as Args<'nf.check'>; return (netfilterOf(ns).find(o.table, o.chain, o.rule) >= 0) as Res<K>; }
    case 'nf.newChain': { const o = a as Args<'nf.newChain'>; netfilterOf(ns).newChain(o.table, o.chain); return undefined as Res<K>; }
    case 'nf.deleteChain': { const o = a as Args<'nf.deleteChain'>; netfilterOf(ns).deleteChain(o.table, o.chain); return undefined as Res<K>; }
    case 'nf.flush': { const o = a as Args<'nf.flush'>; netfilterOf(ns).flush(o.table, o.chain); return undefined as Res<K>; }
    case 'nf.policy': { const o = a as Args<'nf.policy'>; netfilterOf(ns).policy(o.table, o.chain, o.policy); return undefined as Res<K>; }
    case 'nf.zero': { const o = a as Args<'nf.zero'>; netfilterOf(ns).zero(o.table, o.chain); return undefined as Res<K>; }
    case 'conntrack.list': return (ns.ct?.list() ?? []) as Res<K>;
    case 'conntrack.flush': ns.ct?.flush(); return undefined as Res<K>;
    case 'sock.list': return socketsOf(ns, (a as Args<'sock.list'>).proto) as Res<K>;
    default: throw new SysError(EINVAL);
  }
}

void maskOf;
