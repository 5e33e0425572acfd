// Routing (Linux's fib): the local table (the namespace's own addresses),
// then the main table by longest prefix and lowest metric. The main table's
// prefix routes of configured addresses ("proto kernel scope link") are
// derived from the devices that are up, so they come and go with the device
// as Linux adds and flushes them; programs' routes are stored, and flushed
// when their device goes down or leaves the namespace.

import { EEXIST, EINVAL, ENETUNREACH, ENODEV, ESRCH, SysError } from '../abi/errno.ts';
import type { RouteInfo } from './api.ts';
import { broadcastOf, fmtIp, fmtPrefix, inPrefix, maskOf, parsePrefix, ip } from './addr.ts';
import type { NetDev, NetNs, Route } from './netns.ts';

/** The prefix routes the kernel keeps for each address of each device that is up. */
function kernelRoutes(ns: NetNs): Route[] {
  const out: Route[] = [];
  for (const d of ns.devs) {
    if (!d.up || d.kind === 'loopback') continue;
    for (const x of d.inet) {
      if (x.len === 32) continue;
      out.push({ net: (x.a & maskOf(x.len)) >>> 0, len: x.len, gw: 0, dev: d, src: x.a, metric: 0, proto: 'kernel', scope: 'link' });
    }
  }
  return out;
}

export function mainTable(ns: NetNs): Route[] {
  const k = kernelRoutes(ns);
  const r = ns.routes;
  if (!r || r.length === 0) return k;
  return [...r.filter((x) => x.dev.up), ...k];
}

/** The route a packet to dst takes, or null (ENETUNREACH). Local addresses route through lo. */
export function lookup(ns: NetNs, dst: number): Route | null {
  const local = ns.localDev(dst);
  if (local || ns.isLocal(dst)) return { net: dst, len: 32, gw: 0, dev: ns.lo, src: local && local !== ns.lo ? dst : dst, metric: 0, proto: 'kernel', scope: 'host' };
  let best: Route | null = null;
  const consider = (r: Route): void => {
    if (!inPrefix(dst, r.net, r.len)) return;
    if (!best || r.len > best.len || (r.len === best.len && r.metric < best.metric)) best = r;
  };
  if (ns.routes) for (const r of ns.routes) if (r.dev.up) consider(r);
  for (const d of ns.devs) {
    if (!d.up || d.kind === 'loopback') continue;
    for (const x of d.inet) {
      if (x.len === 32 || !inPrefix(dst, x.a, x.len)) continue;
      if (!best || x.len > best.len || (x.len === best.len && best.metric > 0)) {
        best = { net: (x.a & maskOf(x.len)) >>> 0, len: x.len, gw: 0, dev: d, src: x.a, metric: 0, proto: 'kernel', scope: 'link' };
      }
    }
  }
  return best;
}

/** The source address for packets leaving on route r (inet_select_addr). */
export function sourceFor(ns: NetNs, r: Route, dst: number): number {
  if (r.src) return r.src;
  if (r.dev === ns.lo) return (dst >>> 24) === 127 ? dst : dst;
  const target = r.gw || dst;
  for (const x of r.dev.inet) if (inPrefix(target, x.a, x.len)) return x.a;
  if (r.dev.inet.length) return r.dev.inet[0]!.a;
  for (const d of ns.devs) if (d.up && d.kind !== 'loopback' && d.inet.length) return d.inet[0]!.a;
  return 0;
}

export function routeInfo(ns: NetNs, r: Route, table: 'main' | 'local' = 'main'): RouteInfo {
  const info: RouteInfo = {
    dst: fmtPrefix(r.net, r.len), dev: r.dev.name, proto: r.proto, scope: r.scope, table, type: 'unicast',
  };
  if (r.gw) info.gateway = fmtIp(r.gw);
  if (r.src && r.proto === 'kernel') info.src = fmtIp(r.src);
  else if (r.src) info.src = fmtIp(r.src);
  if (r.metric) info.metric = r.metric;
  if (!r.dev.carrier && r.dev.kind !== 'loopback') info.linkdown = true;
  void ns;
  return info;
}

/** The local table, as `ip route show table local` lists it. */
export function localTable(ns: NetNs): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const d of ns.devs) {
    if (!d.up) continue;
    for (const x of d.inet) {
      if (d.kind === 'loopback' && x.len < 32) {
        out.push({ dst: `${fmtIp(x.a & maskOf(x.len))}/${x.len}`, dev: d.name, proto: 'kernel', scope: 'host', src: fmtIp(x.a), table: 'local', type: 'local' });
      }
      out.push({ dst: fmtIp(x.a), dev: d.name, proto: 'kernel', scope: 'host', src: fmtIp(x.a), table: 'local', type: 'local' });
      if (x.len < 31 && d.kind !== 'loopback') {
        out.push({ dst: fmtIp(broadcastOf(x.a, x.len)), dev: d.name, proto: 'kernel', scope: 'link', src: fmtIp(x.a), table: 'local', type: 'broadcast' });
      } else if (d.kind === 'loopback') {
        out.push({ dst: fmtIp(broadcastOf(x.a, x.len)), dev: d.name, proto: 'kernel', scope: 'link', src: fmtIp(x.a), table: 'local', type: 'broadcast' });
      }
    }
  }
  return out;
}

export function addRoute(ns: NetNs, o: { dst: string; gateway?: string; dev?: string; src?: string; metric?: number; replace?: boolean }): void {
  const [net, len] = parsePrefix(o.dst);
  let dev: NetDev | undefined;
  if (o.dev) { dev = ns.dev(o.dev); if (!dev) throw new SysError(ENODEV); }
  const gw = o.gateway ? ip(o.gateway) : 0;
  if (gw) {
    // the gateway must be on a directly connected network (else "Nexthop has invalid gateway")
    const via = lookup(ns, gw);
    if (!via || via.gw) throw new SysError(ENETUNREACH);
    if (!dev) dev = via.dev;
  }
  if (!dev) throw new SysError(EINVAL);
  if (!dev.up) throw new SysError(ENETUNREACH);
  const metric = o.metric ?? 0;
  const r: Route = { net, len, gw, dev, src: o.src ? ip(o.src) : 0, metric, proto: 'boot', scope: gw ? 'global' : 'link' };
  const list = ns.routes ??= [];
  const i = list.findIndex((x) => x.net === net && x.len === len && x.metric === metric);
  if (i >= 0) {
    if (!o.replace) throw new SysError(EEXIST);
    list[i] = r;
  } else list.push(r);
}

export function delRoute(ns: NetNs, o: { dst: string; gateway?: string; dev?: string }): void {
  const [net, len] = parsePrefix(o.dst);
  const gw = o.gateway ? ip(o.gateway) : -1;
  const list = ns.routes ?? [];
  const i = list.findIndex((x) => x.net === net && x.len === len && (gw < 0 || x.gw === gw) && (!o.dev || x.dev.name === o.dev));
  if (i < 0) throw new SysError(ESRCH);
  list.splice(i, 1);
}

/** Drops the routes through a device (it went down or away). */
export function flushDevRoutes(ns: NetNs, dev: NetDev): void {
  if (ns.routes) ns.routes = ns.routes.filter((r) => r.dev !== dev);
}
