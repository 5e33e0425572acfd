// libnetwork's controller inside dockerd: the networks, and each container's
// sandbox on them. A container's endpoint settings are kept from create on;
// when it starts, addresses are allocated and ports published before
// containerd is asked for the task (prepare), and once runc has made the
// task's network namespace and before the task starts, the veth pairs are
// plumbed into it and the embedded DNS server starts listening there (join):
// the part Docker's prestart hook (libnetwork-setkey) did. On exit all of it
// is given back, so a restarted container may get another address.

import type { Sys } from '@dockersim/kernel';
import { EngineError, invalidParameter, type EndpointSettings, type PortBinding } from '@dockersim/engine-api';
import type { Container } from '../container.ts';
import type { EventBus } from '../events.ts';
import { randomHex, readText } from '../util.ts';
import { writeText } from './write.ts';
import { attachEndpoint, createBridge, deleteBridge, detachEndpoint, randomMac, vethName } from './bridge.ts';
import { addNetworkRules, removeNetworkRules, setupBaseChains } from './firewall.ts';
import { contains, fmtCidr, fmtIPv4, networkOf, parseIPv4, Pool } from './ipam.ts';
import { PortAllocator, publish, unpublish, wantedBindings, type Mapping } from './ports.ts';
import { EmbeddedDns } from './resolver.ts';
import { externalServers, hostsFile, parseExtraHost, resolvConf, type DnsOverrides } from './etc-files.ts';
import { NetworkStore, noSuchNetwork, type Endpoint, type Network } from './store.ts';

export interface NetHost {
  readonly sys: Sys;
  readonly bus: EventBus;
  readonly containers: Map<string, Container>;
  get(ref: string): Container;
}

/** What a container asked of one network (EndpointSettings' configuration half). */
export interface EndpointConfig {
  aliases: string[];
  ipv4: string;
  links: string[] | null;
  driverOpts: Record<string, string> | null;
  gwPriority: number;
  dnsNames: string[] | null;
  /** Operational data while joined. */
  ep?: Endpoint;
}

interface Running {
  pid: number;
  sandboxId: string;
  dns?: EmbeddedDns;
  mappings: Mapping[];
  nextIf: number;
  gatewayNet?: string;
}

export interface ContainerNet {
  /** by network id, in join order */
  eps: Map<string, EndpointConfig>;
  run?: Running;
}

export class NetController {
  readonly store = new NetworkStore();
  readonly alloc = new PortAllocator();
  readonly per = new Map<string, ContainerNet>();
  hostResolv = '';
  /** The last plumbing failure (diagnostics). */
  plumbError: unknown;

  constructor(readonly d: NetHost) {}

  get sys(): Sys { return this.d.sys; }

  /** The predefined networks, docker0 and the base chains (the controller's start). */
  async init(): Promise<void> {
    const sys = this.sys;
    this.hostResolv = await readText(sys, '/etc/resolv.conf');
    try { sys.netlink('sysctl.set', { key: 'net.ipv4.ip_forward', value: '1' }); } catch { /* no stack */ }
    try { setupBaseChains(sys); } catch { /* no netfilter */ }
    const now = sys.now();
    const pool = new Pool({ addr: 0xac110000, len: 16 }, undefined, 0xac110001);
    const base = { created: now, internal: false, attachable: false, userSubnet: false, endpoints: new Map(), predefined: true, labels: {} };
    this.store.add({
      ...base, id: randomHex(sys, 32), name: 'bridge', driver: 'bridge', bridge: 'docker0', pool,
      ipamConfig: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }], ipamOptions: null,
      options: {
        'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0', 'com.docker.network.driver.mtu': '1500',
      },
    });
    this.store.add({ ...base, id: randomHex(sys, 32), name: 'host', driver: 'host', bridge: '', ipamConfig: null, ipamOptions: null, options: {}, endpoints: new Map() });
    this.store.add({ ...base, id: randomHex(sys, 32), name: 'none', driver: 'null', bridge: '', ipamConfig: null, ipamOptions: null, options: {}, endpoints: new Map() });
    this.setupBridge(this.store.byName('bridge')!);
  }

  setupBridge(n: Network): void {
    if (n.driver !== 'bridge' || !n.pool) return;
    try {
      createBridge(this.sys, n.bridge, n.pool.gateway, n.pool.subnet.len);
      addNetworkRules(this.sys, { bridge: n.bridge, subnet: fmtCidr({ addr: networkOf(n.pool.subnet), len: n.pool.subnet.len }), internal: n.internal });
    } catch { /* a kernel without a network stack: networks stay bookkeeping only */ }
  }

  teardownBridge(n: Network): void {
    if (n.driver !== 'bridge' || !n.pool) return;
    try {
      removeNetworkRules(this.sys, { bridge: n.bridge, subnet: fmtCidr({ addr: networkOf(n.pool.subnet), len: n.pool.subnet.len }), internal: n.internal });
      deleteBridge(this.sys, n.bridge);
    } catch { /* no stack */ }
  }

  netOf(c: Container): ContainerNet {
    let cn = this.per.get(c.id);
    if (!cn) { cn = { eps: new Map() }; this.per.set(c.id, cn); }
    return cn;
  }

  isUserDefined(n: Network): boolean { return !n.predefined; }

  // --- create ---

  /**
   * Checks the endpoint settings at create (validateNetworkingConfig) and keeps
   * them; a network that does not exist yet is only looked up at start, as in
   * Docker. Returns create's warnings.
   */
  atCreate(c: Container, endpoints: Record<string, EndpointSettings> | undefined): string[] {
    const hc = c.hostConfig;
    const warnings: string[] = [];
    let mode = hc.NetworkMode || 'bridge';
    if (mode === 'default') mode = 'bridge';
    const given = endpoints ?? {};
    const errs: string[] = [];
    for (const [k, es] of Object.entries(given)) {
      let n: Network | undefined;
      try { n = this.store.find(k === 'default' ? 'bridge' : k); } catch { n = undefined; }
      const e = endpointErrors(n, k, es);
      if (e) errs.push(`invalid config for network ${k}: ${e}`);
    }
    if (errs.length) throw invalidParameter(errs.length === 1 ? errs[0] : '* ' + errs.join('\n* '));
    const cn: ContainerNet = { eps: new Map() };
    this.per.set(c.id, cn);
    if (mode.startsWith('container:')) return warnings;
    if (mode === 'host' && (Object.keys(hc.PortBindings ?? {}).length || hc.PublishAllPorts)) {
      warnings.push('Published ports are discarded when using host network mode');
      hc.PortBindings = {};
    }
    const keys = [mode, ...Object.keys(given).filter((k) => k !== mode && !(k === 'default' && mode === 'bridge'))];
    for (const k of keys) {
      const es = given[k] ?? (k === 'bridge' ? given.default : undefined);
      let n: Network | undefined;
      try { n = this.store.find(k); } catch { n = undefined; }
      // unknown yet: kept by name, looked up at start
      cn.eps.set(n ? n.id : `name:${k}`, this.endpointConfig(c, n, es));
    }
    return warnings;
  }

  checkIp(n: Network, ip: string): void {
    const e = endpointErrors(n, n.name, { IPAMConfig: { IPv4Address: ip } });
    if (e) throw invalidParameter(e);
  }

  private endpointConfig(c: Container, n: Network | undefined, es: EndpointSettings | undefined): EndpointConfig {
    const aliases = es?.Aliases ?? [];
    const dnsNames = !n || this.isUserDefined(n)
      ? [...new Set([c.name, ...aliases, c.id.slice(0, 12), ...(c.config.Hostname ? [c.config.Hostname] : [])])]
      : null;
    return {
      aliases, ipv4: es?.IPAMConfig?.IPv4Address ?? '', links: es?.Links ?? null, driverOpts: es?.DriverOpts ?? null,
      gwPriority: es?.GwPriority ?? 0, dnsNames,
    };
  }

  // --- start ---

  /** Before the task exists: endpoints, addresses and published ports (initializeNetworking). */
  async prepare(c: Container): Promise<void> {
    const cn = this.netOf(c);
    if (!cn.eps.size) return;
    const run: Running = { pid: 0, sandboxId: randomHex(this.sys, 32), mappings: [], nextIf: 0 };
    cn.run = run;
    try {
      for (const [key, cfg] of [...cn.eps]) {
        const n = key.startsWith('name:') ? this.store.byName(key.slice(5)) : this.store.networks.get(key);
        if (!n) throw noSuchNetwork(key.startsWith('name:') ? key.slice(5) : key);
        if (key !== n.id) { cn.eps.delete(key); cn.eps.set(n.id, cfg); }
        this.allocate(c, n, cfg, run);
      }
      const gw = [...cn.eps.keys()].map((id) => this.store.networks.get(id)!).find((n) => n.driver === 'bridge' && !n.internal);
      if (gw) {
        run.gatewayNet = gw.id;
        const ep = cn.eps.get(gw.id)!.ep!;
        const wanted = wantedBindings(c.hostConfig.PortBindings as Record<string, PortBinding[]>, c.config.ExposedPorts, !!c.hostConfig.PublishAllPorts);
        if (wanted.length) {
          run.mappings = await publish({ sys: this.sys, alloc: this.alloc, bridge: gw.bridge, ctrIp: fmtIPv4(ep.ip), endpointLabel: `${c.name} (${ep.id})` }, wanted);
        }
      }
    } catch (e) {
      await this.release(c);
      const msg = e instanceof Error ? e.message : String(e);
      throw new EngineError(e instanceof EngineError ? e.code : 'System', `failed to set up container networking: ${msg}`);
    }
  }

  private allocate(c: Container, n: Network, cfg: EndpointConfig, run: Running): Endpoint {
    let ip = 0;
    if (n.pool) {
      if (cfg.ipv4) n.pool.claim(parseIPv4(cfg.ipv4));
      ip = cfg.ipv4 ? parseIPv4(cfg.ipv4) : n.pool.next();
    }
    const ep: Endpoint = {
      id: randomHex(this.sys, 32), containerId: c.id, name: c.name, ip,
      mac: n.driver === 'bridge' ? randomMac(this.sys) : '', ifname: n.driver === 'bridge' ? `eth${run.nextIf++}` : '',
      hostIf: n.driver === 'bridge' ? vethName(this.sys) : '', aliases: cfg.aliases, dnsNames: cfg.dnsNames ?? [],
    };
    cfg.ep = ep;
    n.endpoints.set(ep.id, ep);
    return ep;
  }

  /** Once runc made the namespace (the task is created, not started): plumbing, files, DNS. */
  async join(c: Container, pid: number): Promise<void> {
    const cn = this.per.get(c.id);
    if (!cn?.run) { await this.writeFiles(c); return; }
    cn.run.pid = pid;
    for (const [netId, cfg] of cn.eps) this.plumb(cn, this.store.networks.get(netId)!, cfg);
    await this.writeFiles(c);
    this.startDns(c, cn);
    for (const netId of cn.eps.keys()) {
      const n = this.store.networks.get(netId)!;
      this.d.bus.emit('network', 'connect', n.id, { container: c.id, name: n.name, type: n.driver });
    }
  }

  private plumb(cn: ContainerNet, n: Network, cfg: EndpointConfig): void {
    const ep = cfg.ep;
    const run = cn.run!;
    if (!ep || n.driver !== 'bridge' || !n.pool || !run.pid) return;
    const isGw = run.gatewayNet === n.id;
    try {
      attachEndpoint(this.sys, {
        pid: run.pid, bridge: n.bridge, hostIf: ep.hostIf, ifname: ep.ifname, mac: ep.mac,
        ip: ep.ip, len: n.pool.subnet.len, gateway: isGw ? n.pool.gateway : null,
      });
    } catch (e) { this.plumbError = e; }
  }

  private startDns(c: Container, cn: ContainerNet): void {
    if (cn.run?.dns || !cn.run?.pid) return;
    if (![...cn.eps.keys()].some((id) => { const n = this.store.networks.get(id); return n && this.isUserDefined(n); })) return;
    const dns = new EmbeddedDns(this.sys, {
      lookup: (name) => this.lookup(c, name),
      reverse: (ip) => this.reverse(c, ip),
      external: () => externalServers(this.hostResolv, this.dnsOverrides(c)),
    });
    try { dns.start(cn.run.pid); cn.run.dns = dns; } catch { /* no stack */ }
  }

  /** The addresses a name has on the networks c shares (ResolveName): the first network that knows it. */
  lookup(c: Container, name: string): string[] | undefined {
    const cn = this.per.get(c.id);
    if (!cn) return undefined;
    const want = name.toLowerCase();
    for (const netId of cn.eps.keys()) {
      const n = this.store.networks.get(netId);
      if (!n || !this.isUserDefined(n)) continue;
      const ips: string[] = [];
      for (const ep of n.endpoints.values()) {
        if (ep.ip && ep.dnsNames.some((x) => x.toLowerCase() === want)) ips.push(fmtIPv4(ep.ip));
      }
      if (ips.length) return ips;
    }
    return undefined;
  }

  reverse(c: Container, ip: string): string | undefined {
    const cn = this.per.get(c.id);
    const a = parseIPv4(ip);
    for (const netId of cn?.eps.keys() ?? []) {
      const n = this.store.networks.get(netId);
      if (!n || !this.isUserDefined(n)) continue;
      for (const ep of n.endpoints.values()) if (ep.ip === a && ep.dnsNames[0]) return `${ep.dnsNames[0]}.${n.name}`;
    }
    return undefined;
  }

  dnsOverrides(c: Container): DnsOverrides {
    const hc = c.hostConfig;
    return { servers: hc.Dns ?? [], search: hc.DnsSearch ?? [], options: hc.DnsOptions ?? [] };
  }

  /** /etc/hosts and /etc/resolv.conf as the sandbox builds them. */
  async writeFiles(c: Container): Promise<void> {
    const sys = this.sys;
    const cn = this.per.get(c.id);
    const nets = [...(cn?.eps.keys() ?? [])].map((id) => this.store.networks.get(id)).filter((n): n is Network => !!n);
    const host = nets.some((n) => n.driver === 'host');
    const internalDns = nets.some((n) => this.isUserDefined(n));
    const resolv = resolvConf(this.hostResolv, host ? 'host' : internalDns ? 'internal' : 'legacy', this.dnsOverrides(c));
    await writeText(sys, c.resolvConfPath, resolv);
    const extraHosts = c.hostConfig.ExtraHosts ?? [];
    if (host && !extraHosts.length) {
      await writeText(sys, c.hostsPath, await readText(sys, '/etc/hosts'));
      return;
    }
    const extra = extraHosts.map((h) => parseExtraHost(h, '172.17.0.1'));
    extra.push(...this.linkHosts(c));
    const own: string[] = [];
    for (const n of nets) {
      const ep = cn!.eps.get(n.id)?.ep;
      if (ep?.ip) own.push(fmtIPv4(ep.ip));
    }
    await writeText(sys, c.hostsPath, hostsFile(extra, own, c.config.Hostname ?? '', c.config.Domainname ?? ''));
  }

  /** Legacy links on the default bridge: "IP\talias hostname name" for each running target. */
  private linkHosts(c: Container): { ip: string; names: string }[] {
    const out: { ip: string; names: string }[] = [];
    for (const l of c.hostConfig.Links ?? []) {
      const [target, aliasRaw] = l.split(':');
      let t: Container;
      try { t = this.d.get(target.replace(/^\//, '')); } catch { continue; }
      const alias = (aliasRaw ?? t.name).split('/').pop()!;
      const bridge = this.store.byName('bridge')!;
      const ep = this.per.get(t.id)?.eps.get(bridge.id)?.ep;
      if (!ep?.ip) continue;
      let names = `${alias} ${t.config.Hostname ?? ''}`;
      if (alias !== t.name) names += ` ${t.name}`;
      out.push({ ip: fmtIPv4(ep.ip), names });
    }
    return out;
  }

  // --- exit ---

  /** Gives back what prepare and join took (sandbox deleted on container exit). */
  async release(c: Container): Promise<void> {
    const cn = this.per.get(c.id);
    if (!cn?.run) return;
    const run = cn.run;
    cn.run = undefined;
    run.dns?.stop();
    const gw = run.gatewayNet ? this.store.networks.get(run.gatewayNet) : undefined;
    const gwEp = gw ? cn.eps.get(gw.id)?.ep : undefined;
    if (run.mappings.length && gw && gwEp) {
      await unpublish({ sys: this.sys, alloc: this.alloc, bridge: gw.bridge, ctrIp: fmtIPv4(gwEp.ip) }, run.mappings);
    }
    for (const [netId, cfg] of cn.eps) {
      const n = this.store.networks.get(netId);
      const ep = cfg.ep;
      cfg.ep = undefined;
      if (!n || !ep) continue;
      this.dropEndpoint(n, ep);
      if (run.pid) this.d.bus.emit('network', 'disconnect', n.id, { container: c.id, name: n.name, type: n.driver });
    }
  }

  private dropEndpoint(n: Network, ep: Endpoint): void {
    if (ep.hostIf) { try { detachEndpoint(this.sys, ep.hostIf); } catch { /* gone with the namespace */ } }
    if (n.pool && ep.ip) n.pool.release(ep.ip);
    n.endpoints.delete(ep.id);
  }

  /** connect on a running container: endpoint, hot-plugged interface, files, DNS. */
  async joinRunning(c: Container, n: Network): Promise<void> {
    const cn = this.netOf(c);
    const run = cn.run!;
    const cfg = cn.eps.get(n.id)!;
    this.allocate(c, n, cfg, run);
    if (!run.gatewayNet && n.driver === 'bridge' && !n.internal) run.gatewayNet = n.id;
    this.plumb(cn, n, cfg);
    await this.writeFiles(c);
    this.startDns(c, cn);
    this.d.bus.emit('network', 'connect', n.id, { container: c.id, name: n.name, type: n.driver });
  }

  /** disconnect on a running container: the interface goes, the address is freed. */
  async leaveRunning(c: Container, n: Network): Promise<void> {
    const cn = this.netOf(c);
    const cfg = cn.eps.get(n.id);
    const ep = cfg?.ep;
    if (ep) this.dropEndpoint(n, ep);
    cn.eps.delete(n.id);
    if (cn.run?.gatewayNet === n.id && cn.run.mappings.length) {
      await unpublish({ sys: this.sys, alloc: this.alloc, bridge: n.bridge, ctrIp: fmtIPv4(ep?.ip ?? 0) }, cn.run.mappings);
      cn.run.mappings = [];
    }
    await this.writeFiles(c);
    this.d.bus.emit('network', 'disconnect', n.id, { container: c.id, name: n.name, type: n.driver });
  }

  /** The container is gone: forget its settings. */
  forget(c: Container): void { this.per.delete(c.id); }

  mappings(c: Container): Mapping[] { return this.per.get(c.id)?.run?.mappings ?? []; }
}

const isUserDefinedName = (k: string) => !['default', 'bridge', 'host', 'none'].includes(k) && !k.startsWith('container:');

/** validateEndpointSettings: "invalid endpoint settings:" and the problems, or ''. */
export function endpointErrors(n: Network | undefined, name: string, es: EndpointSettings): string {
  const errs: string[] = [];
  const ip = es.IPAMConfig?.IPv4Address ?? '';
  if (!isUserDefinedName(name)) {
    if (ip || es.IPAMConfig?.IPv6Address) errs.push('user specified IP address is supported on user defined networks only');
    if (es.Aliases && es.Aliases.length) errs.push('network-scoped alias is supported only for containers in user defined networks');
  }
  if (ip) {
    const a = parseIPv4(ip);
    if (a < 0) errs.push(`invalid IPv4 address: ${ip}`);
    else if (n && isUserDefinedName(name)) {
      if (!n.userSubnet || !n.pool) errs.push('user specified IP address is supported only when connecting to networks with user configured subnets');
      else if (!(n.pool.range ? contains(n.pool.range, a) : contains(n.pool.subnet, a))) errs.push(`no configured subnet or ip-range contain the IP address ${ip}`);
    }
  }
  if (!errs.length) return '';
  return `invalid endpoint settings:\n${errs.length === 1 ? errs[0] : '* ' + errs.join('\n* ')}`;
}
