// The /networks endpoints (daemon/network.go, libnetwork's NewNetwork and
// Delete, the IPAM checks of api/types/network): create with Docker's
// validation and errors, list with filters, inspect, remove, prune.

import {
  EngineError, conflict, invalidParameter, type NetworkCreateRequest, type NetworkCreateResponse, type NetworkInspect,
  type NetworksPruneReport,
} from '@dockersim/engine-api';
import { randomHex } from '../util.ts';
import type { NetController } from './controller.ts';
import { contains, fmtIPv4, maskOf, networkOf, overlaps, parseCidr, parseIPv4, predefinedSubnets, Pool, type Cidr } from './ipam.ts';
import { allocatedConfig, inspectView, type Network } from './store.ts';

type FilterMap = Record<string, string[]>;

const PREDEFINED = new Set(['bridge', 'host', 'none', 'default']);

/** ValidateIPAM: every problem of the IPAM config, as "invalid network config:" lists them. */
function validateIpam(cfgs: NonNullable<NetworkCreateRequest['IPAM']>['Config']): void {
  const errs: string[] = [];
  for (const c of cfgs ?? []) {
    const sub = parseCidr(c.Subnet ?? '');
    if (!sub) { errs.push(`invalid subnet ${c.Subnet ?? ''}: invalid CIDR block notation`); continue; }
    const subText = `${fmtIPv4(sub.addr)}/${sub.len}`;
    const masked = `${fmtIPv4(networkOf(sub))}/${sub.len}`;
    if (subText !== masked) errs.push(`invalid subnet ${subText}: it should be ${masked}`);
    if (c.IPRange) {
      const r = parseCidr(c.IPRange);
      if (!r) errs.push(`invalid ip-range ${c.IPRange}: invalid CIDR block notation`);
      else {
        if (r.len < sub.len) errs.push(`invalid ip-range ${c.IPRange}: CIDR block is bigger than its parent subnet ${masked}`);
        const rm = `${fmtIPv4(networkOf(r))}/${r.len}`;
        if (`${fmtIPv4(r.addr)}/${r.len}` !== rm) errs.push(`invalid ip-range ${fmtIPv4(r.addr)}/${r.len}: it should be ${rm}`);
        if (!overlaps({ addr: networkOf(sub), len: sub.len }, r)) errs.push(`invalid ip-range ${c.IPRange}: parent subnet ${masked} doesn't contain ip-range`);
      }
    }
    if (c.Gateway) {
      const g = parseIPv4(c.Gateway);
      if (g < 0) errs.push(`invalid gateway ${c.Gateway}: invalid address`);
      else if (!contains(sub, g)) errs.push(`invalid gateway ${c.Gateway}: parent subnet ${masked} doesn't contain this address`);
    }
  }
  if (!errs.length) return;
  throw invalidParameter(`invalid network config:\n${errs.length === 1 ? errs[0] : '* ' + errs.join('\n* ')}`);
}

function usedSubnets(ctl: NetController): Cidr[] {
  return ctl.store.list().filter((n) => n.pool).map((n) => n.pool!.subnet);
}

export function createNetwork(ctl: NetController, req: NetworkCreateRequest): NetworkCreateResponse {
  const sys = ctl.sys;
  const name = req.Name ?? '';
  if (PREDEFINED.has(name)) throw new EngineError('Forbidden', `operation is not permitted on predefined ${name} network `);
  if (ctl.store.byName(name)) throw conflict(`network with name ${name} already exists`);
  const driver = req.Driver || 'bridge';
  if (driver === 'overlay') throw new EngineError('Forbidden', 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
  if (driver === 'host' || driver === 'null') throw new EngineError('Forbidden', `only one instance of "${driver}" network is allowed`);
  if (driver !== 'bridge') throw new EngineError('NotFound', `plugin "${driver}" not found`);
  const cfgs = (req.IPAM?.Config ?? []).filter((c) => !(c.Subnet ?? '').includes(':'));
  validateIpam(cfgs);
  let pool: Pool;
  let ipamConfig: Network['ipamConfig'];
  const taken = usedSubnets(ctl);
  if (cfgs.length) {
    const c = cfgs[0];
    const sub = parseCidr(c.Subnet!)!;
    if (taken.some((t) => overlaps(t, sub))) throw new EngineError('Forbidden', 'invalid pool request: Pool overlaps with other one on this address space');
    const range = c.IPRange ? parseCidr(c.IPRange) : undefined;
    const gw = c.Gateway ? parseIPv4(c.Gateway) : ((networkOf(range ?? sub) + 1) >>> 0);
    pool = new Pool({ addr: networkOf(sub), len: sub.len }, range ? { addr: networkOf(range), len: range.len } : undefined, gw);
    ipamConfig = [{ Subnet: `${fmtIPv4(networkOf(sub))}/${sub.len}`, ...(c.IPRange ? { IPRange: c.IPRange } : {}), ...(c.Gateway ? { Gateway: c.Gateway } : {}) }];
  } else {
    let found: Cidr | undefined;
    for (const s of predefinedSubnets()) if (!taken.some((t) => overlaps(t, s))) { found = s; break; }
    if (!found) throw invalidParameter('all predefined address pools have been fully subnetted');
    pool = new Pool(found, undefined, (found.addr + 1) >>> 0);
    ipamConfig = [allocatedConfig(pool)];
  }
  const id = randomHex(sys, 32);
  const n: Network = {
    id, name, driver: 'bridge', created: sys.now(), internal: !!req.Internal, attachable: !!req.Attachable,
    bridge: req.Options?.['com.docker.network.bridge.name'] || `br-${id.slice(0, 12)}`, pool, ipamConfig,
    userSubnet: cfgs.length > 0, ipamOptions: req.IPAM?.Options ?? null, options: req.Options ?? {}, labels: req.Labels ?? {},
    endpoints: new Map(), predefined: false,
  };
  ctl.store.add(n);
  ctl.setupBridge(n);
  ctl.d.bus.emit('network', 'create', id, { name, type: 'bridge' });
  return { Id: id, Warning: '' };
}

export function removeNetwork(ctl: NetController, ref: string): void {
  const n = ctl.store.find(ref);
  if (n.predefined) throw new EngineError('Forbidden', `${n.name} is a pre-defined network and cannot be removed`);
  const eps = [...n.endpoints.values()];
  // Stopped containers keep their settings but no endpoint: only running ones block removal.
  if (eps.length) {
    const list = eps.map((ep) => `name:"${ep.name}" id:"${ep.id.slice(0, 12)}"`).join(', ');
    throw new EngineError('Forbidden', `error while removing network: network ${n.name} has active endpoints (${list})`);
  }
  ctl.teardownBridge(n);
  ctl.store.delete(n);
  ctl.d.bus.emit('network', 'destroy', n.id, { name: n.name, type: n.driver });
}

function containerName(ctl: NetController): (id: string) => string {
  return (id) => ctl.d.containers.get(id)?.name ?? '';
}

export function inspectNetwork(ctl: NetController, ref: string): NetworkInspect {
  return inspectView(ctl.store.find(ref), containerName(ctl));
}

function matches(n: Network, f: FilterMap): boolean {
  for (const [k, vs] of Object.entries(f)) {
    if (!vs.length) continue;
    const ok = vs.some((v) => {
      switch (k) {
        case 'driver': return n.driver === v;
        case 'name': return n.name.includes(v);
        case 'id': return n.id.startsWith(v);
        case 'scope': return v === 'local';
        case 'type': return v === 'builtin' ? n.predefined : v === 'custom' ? !n.predefined : (() => { throw invalidParameter(`invalid filter: 'type'='${v}'`); })();
        case 'label': {
          const i = v.indexOf('=');
          return i < 0 ? v in n.labels : n.labels[v.slice(0, i)] === v.slice(i + 1);
        }
        case 'dangling': return (v === 'true' || v === '1') === (!n.predefined && !n.endpoints.size);
        default: throw invalidParameter(`invalid filter '${k}'`);
      }
    });
    if (!ok) return false;
  }
  return true;
}

export function listNetworks(ctl: NetController, f: FilterMap): NetworkInspect[] {
  // The list carries no Containers (only inspect fills them).
  return ctl.store.list().filter((n) => matches(n, f)).map((n) => ({ ...inspectView(n, containerName(ctl)), Containers: {} }));
}

/** Removes user-defined networks without endpoints (a stopped container holds none, as in Docker). */
export function pruneNetworks(ctl: NetController, f: FilterMap): NetworksPruneReport {
  const deleted: string[] = [];
  const until = f.until?.[0];
  for (const n of ctl.store.list()) {
    if (n.predefined || n.endpoints.size) continue;
    if (until && !(n.created < untilMs(until, ctl.sys.now()))) continue;
    if (!matches(n, Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'until')))) continue;
    removeNetwork(ctl, n.id);
    deleted.push(n.name);
  }
  return { NetworksDeleted: deleted.length ? deleted : null };
}

function untilMs(v: string, now: number): number {
  const d = /^(\d+)([smh])$/.exec(v);
  if (d) return now - Number(d[1]) * ({ s: 1000, m: 60000, h: 3600000 } as Record<string, number>)[d[2]];
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  return Date.parse(v);
}

export { maskOf };
