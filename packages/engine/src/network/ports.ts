// Publishing ports (libnetwork's portallocator, the bridge driver's port
// mapping and portmapper): host ports are taken from the allocator (a given
// one, or the next free one of the ephemeral range 32768-60999), dockerd
// binds each host address and port itself so a conflict shows at once, starts
// a docker-proxy with the bound socket, and adds the DNAT and ACCEPT rules.
// Without a host address a port is published on 0.0.0.0 and on [::].

import {
  AF_INET, EADDRINUSE, SIGKILL, SIGTERM, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, isSysError, type Sys,
} from '@dockersim/kernel';
import { EngineError, type PortBinding } from '@dockersim/engine-api';
import { DOCKER_PROXY } from './proxy.ts';
import { addPortRules, removePortRules, type PortRule } from './firewall.ts';

const EPHEMERAL_FIRST = 32768, EPHEMERAL_LAST = 60999;

/** portallocator: which host ports are taken, per protocol and address. */
export class PortAllocator {
  private readonly taken = new Map<string, Set<number>>();
  private last: Record<string, number> = { tcp: EPHEMERAL_FIRST - 1, udp: EPHEMERAL_FIRST - 1 };

  private set(proto: string, ip: string): Set<number> {
    const k = `${proto}/${ip}`;
    let s = this.taken.get(k);
    if (!s) { s = new Set(); this.taken.set(k, s); }
    return s;
  }

  /** One port of [first,last] (0,0: any ephemeral one) free on every ip, reserved on each. */
  request(proto: string, ips: string[], first: number, last: number): number {
    const sets = ips.map((ip) => this.set(proto, ip));
    const free = (p: number) => sets.every((s) => !s.has(p));
    if (first === 0) {
      const span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
      for (let i = 1; i <= span; i++) {
        const p = EPHEMERAL_FIRST + ((this.last[proto] - EPHEMERAL_FIRST + i) % span);
        if (free(p)) { this.last[proto] = p; sets.forEach((s) => s.add(p)); return p; }
      }
      throw new EngineError('System', 'all ports are allocated');
    }
    for (let p = first; p <= last; p++) {
      if (free(p)) { sets.forEach((s) => s.add(p)); return p; }
    }
    const busy = ips.find((ip, i) => sets[i].has(first)) ?? ips[0];
    throw new EngineError('System', `Bind for ${busy.includes(':') ? `[${busy}]` : busy}:${first} failed: port is already allocated`);
  }

  release(proto: string, ip: string, port: number): void { this.taken.get(`${proto}/${ip}`)?.delete(port); }
}

/** One published port as NetworkSettings.Ports and the proxy see it. */
export interface Mapping {
  proto: 'tcp' | 'udp'; hostIp: string; hostPort: number; ctrPort: number;
  proxyPid: number;
  /** dockerd's own descriptor of the bound socket (-1: none). */
  listenFd?: number;
}

/** The bindings of PortBindings (and -P's exposed ports) for one container. */
export function wantedBindings(portBindings: Record<string, PortBinding[]> | null | undefined, exposed: Record<string, object> | undefined, publishAll: boolean): { port: string; b: PortBinding }[] {
  const out: { port: string; b: PortBinding }[] = [];
  const seen = new Set<string>();
  for (const [port, bs] of Object.entries(portBindings ?? {})) {
    seen.add(port);
    for (const b of bs ?? []) out.push({ port, b });
  }
  if (publishAll) for (const port of Object.keys(exposed ?? {})) if (!seen.has(port)) out.push({ port, b: { HostIp: '', HostPort: '' } });
  return out;
}

function parseHostPorts(s: string): [number, number] {
  if (!s) return [0, 0];
  const [a, b] = s.split('-');
  return [Number(a), b === undefined ? Number(a) : Number(b)];
}

export interface PortContext { sys: Sys; alloc: PortAllocator; bridge: string; ctrIp: string; endpointLabel: string }

/** Allocates, binds and proxies every wanted binding; on failure undoes what it did and throws Docker's error. */
export async function publish(x: PortContext, wanted: { port: string; b: PortBinding }[]): Promise<Mapping[]> {
  const done: Mapping[] = [];
  try {
    for (const { port, b } of wanted) {
      const [num, protoRaw] = port.split('/');
      const proto = (protoRaw || 'tcp') as 'tcp' | 'udp';
      if (proto !== 'tcp' && proto !== 'udp') continue;
      const ips = b.HostIp ? [b.HostIp] : ['0.0.0.0', '::'];
      const [first, last] = parseHostPorts(b.HostPort);
      const hostPort = x.alloc.request(proto, ips, first, last);
      for (const ip of ips) {
        const m: Mapping = { proto, hostIp: ip, hostPort, ctrPort: Number(num), proxyPid: 0 };
        done.push(m);
        m.proxyPid = await startProxy(x, m);
        if (!ip.includes(':')) addPortRules(x.sys, rule(x, m));
      }
    }
  } catch (e) {
    await unpublish(x, done);
    if (e instanceof EngineError) throw new EngineError(e.code, `driver failed programming external connectivity on endpoint ${x.endpointLabel}: ${e.message}`);
    throw e;
  }
  return done;
}

const rule = (x: { bridge: string; ctrIp: string }, m: Mapping): PortRule => ({
  bridge: x.bridge, proto: m.proto, hostIp: m.hostIp, hostPort: m.hostPort, ctrIp: x.ctrIp, ctrPort: m.ctrPort,
});

async function startProxy(x: PortContext, m: Mapping): Promise<number> {
  const sys = x.sys;
  let listen = -1;
  if (!m.hostIp.includes(':')) {
    listen = sys.socket(AF_INET, m.proto === 'udp' ? SOCK_DGRAM : SOCK_STREAM);
    try {
      sys.setsockopt(listen, SOL_SOCKET, SO_REUSEADDR, 1);
      sys.bind(listen, { addr: m.hostIp, port: m.hostPort });
      if (m.proto === 'tcp') sys.listen(listen, 128);
    } catch (e) {
      sys.close(listen);
      if (isSysError(e, EADDRINUSE)) {
        x.alloc.release(m.proto, m.hostIp, m.hostPort);
        throw new EngineError('System', `failed to bind host port for ${m.hostIp}:${m.hostPort}:${x.ctrIp}:${m.ctrPort}/${m.proto}: address already in use`);
      }
      throw e;
    }
  }
  const [r, w] = sys.pipe();
  const argv = [DOCKER_PROXY, '-proto', m.proto, '-host-ip', m.hostIp, '-host-port', String(m.hostPort),
    '-container-ip', x.ctrIp, '-container-port', String(m.ctrPort), '-use-listen-fd'];
  const fds = { w, listen };
  const pid = sys.clone({
    comm: 'docker-proxy',
    child: async (s) => {
      s.close(r);
      // The pipe becomes fd 3 and the socket fd 4; copies first, since either may sit on the other's number.
      const w2 = s.dup(fds.w);
      const l2 = fds.listen >= 0 ? s.dup(fds.listen) : -1;
      s.dup2(w2, 3);
      if (l2 >= 0) s.dup2(l2, 4);
      // Only the ExtraFiles cross exec (Go opens everything else close-on-exec): without a
      // listener, fd 4 may be one of dockerd's own (its docker.sock listener).
      for (const fd of s.fds()) if (fd > 4 || (fd === 4 && fds.listen < 0)) s.close(fd);
      await s.execve(DOCKER_PROXY, argv, []);
      return 127;
    },
  });
  sys.close(w);
  // dockerd keeps its copy of the bound socket until the mapping goes (portBinding.boundSocket)
  m.listenFd = listen;
  await sys.read(r).catch(() => undefined);
  sys.close(r);
  return pid;
}

/** Stops the proxies, removes the rules, frees the ports. */
export async function unpublish(x: Pick<PortContext, 'sys' | 'alloc' | 'bridge' | 'ctrIp'>, ms: Mapping[]): Promise<void> {
  const sys = x.sys;
  for (const m of ms) {
    if (!m.hostIp.includes(':')) removePortRules(sys, rule(x, m));
    x.alloc.release(m.proto, m.hostIp, m.hostPort);
    if (m.listenFd !== undefined && m.listenFd >= 0) { try { sys.close(m.listenFd); } catch { /* closed */ } m.listenFd = -1; }
    if (m.proxyPid > 0) {
      try { sys.kill(m.proxyPid, SIGTERM); } catch { /* gone */ }
      const exited = sys.wait4(m.proxyPid).catch(() => null);
      const r = await Promise.race([exited, sys.sleep(1000).then(() => 'late' as const, () => 'late' as const)]);
      if (r === 'late') { try { sys.kill(m.proxyPid, SIGKILL); } catch { /* gone */ } await exited; }
    }
    m.proxyPid = 0;
  }
}
