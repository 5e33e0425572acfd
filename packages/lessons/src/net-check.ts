// Checks of networking state: networks, a container's endpoints on them,
// published ports, and an HTTP answer fetched from the host. Each reads what
// dockerd reports through the Engine API and confirms it in the kernel: the
// bridge device and its route on the host, the routes and interfaces of the
// container's network namespace (/proc/PID/net), the listening socket of a
// published port (/proc/1/net/tcp). The HTTP check makes a real request with
// the host's curl, through the simulated network stack.

import type { ContainerInspect, NetworkInspect } from '@dockersim/engine-api';
import { ApiError } from '@dockersim/engine-api';
import type { Probe } from './probe.ts';

/** A network, as `docker network inspect` shows it. */
export interface NetworkMatch {
  name: string;
  /** bridge, host, null (the none network), overlay ... */
  driver?: string;
  /**
   * It has an IPv4 subnet (true) or exactly this one ("10.10.0.0/24"). For a
   * bridge network the host's kernel must also route the subnet to its
   * bridge device.
   */
  subnet?: true | string;
  /**
   * A name the network's embedded DNS server answers: the running containers
   * attached to it that carry the name among their DNS names (container name,
   * --network-alias, short id), and how many addresses that makes.
   */
  resolves?: { name: string; addresses?: number };
}

/** A container's endpoint on a network. */
export interface AttachmentMatch {
  container: string;
  /** The network's name (host and none included). */
  network: string;
  /**
   * Its IPv4 address there: true for any address inside the network's subnet,
   * or exactly this one. The container must run, and its namespace must route
   * the subnet through one of its interfaces.
   */
  ip?: true | string;
  /** A DNS alias it answers to on that network (--network-alias, network connect --alias). */
  alias?: string;
}

/** A port of a container published on the host. */
export interface PublishMatch {
  /** The container's name; any container when absent. */
  container?: string;
  /** The container port: "80" (tcp) or "53/udp". */
  port: string;
  /** The host port (a listening socket on the host must hold it, for tcp). */
  hostPort?: number;
  /** The host address it is bound to: "0.0.0.0", "127.0.0.1", "::". */
  hostIp?: string;
}

/** An HTTP request made from the host, as `curl URL` typed there would make it. */
export interface HttpMatch {
  url: string;
  /** The status code (default 200). */
  status?: number;
  /** The body contains this text. */
  contains?: string;
}

export type NetCheck =
  | { network: NetworkMatch }
  | { attached: AttachmentMatch }
  | { published: PublishMatch }
  | { http: HttpMatch };

export const NET_CHECK_KEYS = ['network', 'attached', 'published', 'http'] as const;

export interface NetCheckResult { ok: boolean; reason: string }

/** Evaluates a networking check; undefined when the check is not one of these. */
export async function evaluateNet(probe: Probe, check: object): Promise<NetCheckResult | undefined> {
  const fail = (reason: string) => ({ ok: false, reason });
  if ('network' in check) {
    const m = (check as { network: NetworkMatch }).network;
    const why = await networkMismatch(probe, m);
    return why ? fail(why) : { ok: true, reason: `network ${m.name} ${describeNetwork(m)}` };
  }
  if ('attached' in check) {
    const m = (check as { attached: AttachmentMatch }).attached;
    const why = await attachmentMismatch(probe, m);
    return why ? fail(why) : { ok: true, reason: `container ${m.container} is on network ${m.network}${m.ip ? ' with an address' : ''}${m.alias ? `, alias ${m.alias}` : ''}` };
  }
  if ('published' in check) {
    const m = (check as { published: PublishMatch }).published;
    const why = await publishMismatch(probe, m);
    return why ? fail(why) : { ok: true, reason: `${m.container ?? 'a container'} publishes ${describePublish(m)}` };
  }
  if ('http' in check) {
    const m = (check as { http: HttpMatch }).http;
    const why = await httpMismatch(probe, m);
    return why ? fail(`from the host, ${m.url}: ${why}`) : { ok: true, reason: `from the host, ${m.url} answers ${m.status ?? 200}` };
  }
  return undefined;
}

// ---- networks

async function network(probe: Probe, name: string): Promise<NetworkInspect | undefined> {
  try {
    const n = await probe.host.engine.networkInspect(name);
    // Inspect also finds a network by an id prefix; a lesson names it.
    return n.Name === name ? n : undefined;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

function subnets(n: NetworkInspect): string[] {
  return (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter((s) => s && !s.includes(':'));
}

/** The bridge device of a bridge network, as the bridge driver names it. */
function bridgeName(n: NetworkInspect): string {
  return n.Options?.['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}`;
}

async function networkMismatch(probe: Probe, m: NetworkMatch): Promise<string | undefined> {
  const n = await network(probe, m.name);
  if (!n) return `there is no network ${m.name}`;
  if (m.driver !== undefined && n.Driver !== m.driver) return `network ${m.name} uses the ${n.Driver} driver, not ${m.driver}`;
  if (m.subnet !== undefined) {
    const nets = subnets(n);
    if (!nets.length) return `network ${m.name} has no IPv4 subnet`;
    const want = m.subnet === true ? nets[0]! : m.subnet;
    if (!nets.includes(want)) return `network ${m.name} has subnet ${nets.join(', ')}, not ${want}`;
    if (n.Driver === 'bridge') {
      const dev = bridgeName(n);
      if (!routes(probe, 1).some((r) => r.iface === dev && r.gateway === '0.0.0.0' && `${r.dest}/${r.bits}` === want)) {
        return `the host's kernel has no route to ${want} on ${dev}`;
      }
    }
  }
  if (m.resolves) {
    const got = await resolve(probe, n, m.resolves.name);
    if (!got.length) return `on network ${m.name}, the name ${m.resolves.name} does not resolve`;
    if (m.resolves.addresses !== undefined && got.length !== m.resolves.addresses) {
      return `on network ${m.name}, ${m.resolves.name} resolves to ${got.length} address${got.length === 1 ? '' : 'es'} (${got.join(', ')}), not ${m.resolves.addresses}`;
    }
  }
  return undefined;
}

/**
 * The addresses the embedded DNS server gives for a name on a network: those
 * of its running containers whose DNS names (name, aliases, short id) hold it.
 */
async function resolve(probe: Probe, n: NetworkInspect, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of await probe.containers()) {
    if (!c.State.Running) continue;
    const ep = endpoint(c, n.Name);
    if (!ep?.IPAddress) continue;
    // DNSNames is null on the default bridge, which has no embedded DNS.
    if ((ep.DNSNames ?? []).includes(name)) out.push(ep.IPAddress);
  }
  return out.sort();
}

function describeNetwork(m: NetworkMatch): string {
  const parts = ['exists'];
  if (m.driver) parts.push(`with the ${m.driver} driver`);
  if (m.subnet) parts.push(m.subnet === true ? 'with a subnet' : `with subnet ${m.subnet}`);
  if (m.resolves) parts.push(`resolving ${m.resolves.name}${m.resolves.addresses !== undefined ? ` to ${m.resolves.addresses} addresses` : ''}`);
  return parts.join(', ');
}

// ---- endpoints

function endpoint(c: ContainerInspect, network: string) {
  return c.NetworkSettings?.Networks?.[network];
}

async function container(probe: Probe, name: string): Promise<ContainerInspect | undefined> {
  return (await probe.containers()).find((c) => c.Name === `/${name}`);
}

async function attachmentMismatch(probe: Probe, m: AttachmentMatch): Promise<string | undefined> {
  const c = await container(probe, m.container);
  if (!c) return `there is no container ${m.container}`;
  const ep = endpoint(c, m.network);
  if (!ep) return `${m.container} is not on network ${m.network} (it is on ${Object.keys(c.NetworkSettings?.Networks ?? {}).join(', ') || 'no network'})`;
  if (m.alias !== undefined && !(ep.Aliases ?? []).includes(m.alias) && !(ep.DNSNames ?? []).includes(m.alias)) {
    return `${m.container} has no alias ${m.alias} on ${m.network}`;
  }
  if (m.network === 'host' || m.network === 'none') {
    // The kernel's view: under host, the host's own interfaces; under none, loopback alone.
    if (!c.State.Running) return m.ip ? `${m.container} is ${c.State.Status}` : undefined;
    const mine = interfaces(probe, c.State.Pid);
    const want = m.network === 'none' ? ['lo'] : interfaces(probe, 1);
    if (mine.join(' ') !== want.join(' ')) return `${m.container}'s network namespace has ${mine.join(', ')}, not ${want.join(', ')}`;
    return undefined;
  }
  if (m.ip !== undefined) {
    if (!c.State.Running) return `${m.container} is ${c.State.Status}`;
    if (!ep.IPAddress) return `${m.container} has no address on ${m.network}`;
    if (m.ip !== true && ep.IPAddress !== m.ip) return `${m.container} has address ${ep.IPAddress} on ${m.network}, not ${m.ip}`;
    const n = await network(probe, m.network);
    const subnet = n && subnets(n).find((s) => inSubnet(ep.IPAddress!, s));
    if (!subnet) return `${m.container}'s address ${ep.IPAddress} is outside network ${m.network}`;
    if (!routes(probe, c.State.Pid).some((r) => `${r.dest}/${r.bits}` === subnet && r.gateway === '0.0.0.0')) {
      return `${m.container}'s network namespace has no interface on ${subnet}`;
    }
  }
  return undefined;
}

// ---- published ports

async function publishMismatch(probe: Probe, m: PublishMatch): Promise<string | undefined> {
  const key = m.port.includes('/') ? m.port : `${m.port}/tcp`;
  const candidates = m.container === undefined ? await probe.containers() : [await container(probe, m.container)].filter((c) => c !== undefined);
  if (!candidates.length) return m.container === undefined ? 'there are no containers' : `there is no container ${m.container}`;
  let nearest = '';
  for (const c of candidates) {
    const bindings = c.NetworkSettings?.Ports?.[key] ?? [];
    const hit = bindings.find((b) => (m.hostPort === undefined || Number(b.HostPort) === m.hostPort) && (m.hostIp === undefined || b.HostIp === m.hostIp));
    if (!hit) {
      if (m.container !== undefined || !nearest) {
        nearest = !c.State.Running ? `${c.Name.slice(1)} is ${c.State.Status}`
          : bindings.length ? `${c.Name.slice(1)} publishes ${key} on ${bindings.map((b) => `${b.HostIp}:${b.HostPort}`).join(', ')}`
          : `${c.Name.slice(1)} does not publish ${key}`;
      }
      continue;
    }
    if (key.endsWith('/tcp') && !listening(probe, Number(hit.HostPort))) {
      nearest = `nothing listens on the host's port ${hit.HostPort}`;
      continue;
    }
    return undefined;
  }
  return `no container publishes ${describePublish(m)} (${nearest})`;
}

function describePublish(m: PublishMatch): string {
  const host = m.hostPort === undefined ? 'a host port' : `${m.hostIp ?? ''}${m.hostIp ? ':' : 'host port '}${m.hostPort}`;
  return `${m.port.includes('/') ? m.port : `${m.port}/tcp`} on ${host}`;
}

// ---- HTTP from the host

/** curl prints the status line first with -i; -m bounds a dropped connection. */
async function httpMismatch(probe: Probe, m: HttpMatch): Promise<string | undefined> {
  if (!/^https?:\/\/[A-Za-z0-9.:[\]_-]+(\/[A-Za-z0-9._~/?&=%-]*)?$/.test(m.url)) throw new Error(`not a plain URL: ${m.url}`);
  const r = await probe.host.exec(`curl -sS -i -m 5 '${m.url}'`);
  if (r.exitCode !== 0) return r.stderr.trim() || `curl exited with ${r.exitCode}`;
  const head = /^HTTP\/[\d.]+ (\d{3})/.exec(r.stdout);
  if (!head) return 'the answer is not HTTP';
  const status = Number(head[1]);
  if (status !== (m.status ?? 200)) return `the status is ${status}`;
  const split = r.stdout.indexOf('\r\n\r\n');
  const body = split < 0 ? '' : r.stdout.slice(split + 4);
  if (m.contains !== undefined && !body.includes(m.contains)) return `the answer does not contain "${m.contains}"`;
  return undefined;
}

// ---- the kernel's view, from /proc

interface Route { iface: string; dest: string; gateway: string; bits: number }

/** A little-endian hex IPv4 address as /proc/net/route prints it. */
function hexAddr(h: string): string {
  const n = parseInt(h, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

function routes(probe: Probe, pid: number): Route[] {
  const text = probe.readFile(`/proc/${pid}/net/route`) ?? '';
  return text.split('\n').slice(1).map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 8).map((f) => {
    const mask = parseInt(f[7]!, 16) >>> 0;
    let bits = 0;
    for (let x = mask; x; x >>>= 1) bits += x & 1;
    return { iface: f[0]!, dest: hexAddr(f[1]!), gateway: hexAddr(f[2]!), bits };
  });
}

/** The interface names of a process's network namespace (/proc/PID/net/dev), sorted. */
function interfaces(probe: Probe, pid: number): string[] {
  const text = probe.readFile(`/proc/${pid}/net/dev`) ?? '';
  return text.split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter(Boolean).sort();
}

/** Whether the host has a TCP socket listening on the port (/proc/1/net/tcp and tcp6, state 0A). */
function listening(probe: Probe, port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['tcp', 'tcp6'].some((f) => (probe.readFile(`/proc/1/net/${f}`) ?? '').split('\n').slice(1).some((l) => {
    const cols = l.trim().split(/\s+/);
    return cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A';
  }));
}

function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const toN = (a: string) => a.split('.').reduce((n, x) => (n * 256) + Number(x), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toN(ip) / size) === Math.floor(toN(net!) / size);
}
