// How a container's networking shows in the API: NetworkSettings of
// inspect (the Networks map, Ports, the sandbox, and the deprecated top-level
// fields, filled for the default bridge only), and the Ports and Networks of
// the `docker ps` list.

import type { ContainerInspect, EndpointSettings, Port, PortBinding } from '@dockersim/engine-api';
import type { Container } from '../container.ts';
import type { NetController } from './controller.ts';
import { fmtIPv4 } from './ipam.ts';

type Settings = ContainerInspect['NetworkSettings'];

function endpointView(ctl: NetController, c: Container, netId: string): EndpointSettings {
  const cfg = ctl.per.get(c.id)!.eps.get(netId)!;
  const n = ctl.store.networks.get(netId);
  const ep = cfg.ep;
  const gw = ep?.ip && n?.pool ? fmtIPv4(n.pool.gateway) : '';
  return {
    IPAMConfig: cfg.ipv4 ? { IPv4Address: cfg.ipv4 } : null,
    Links: cfg.links, Aliases: cfg.aliases.length ? cfg.aliases : null,
    MacAddress: ep?.mac ?? '', DriverOpts: cfg.driverOpts, GwPriority: cfg.gwPriority,
    NetworkID: n ? netId : '', EndpointID: ep?.id ?? '', Gateway: gw,
    IPAddress: ep?.ip ? fmtIPv4(ep.ip) : '', IPPrefixLen: ep?.ip && n?.pool ? n.pool.subnet.len : 0,
    IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    DNSNames: cfg.dnsNames,
  };
}

/** NetworkSettings.Ports: each exposed or published port, its host bindings while running (null when unpublished). */
function portsView(ctl: NetController, c: Container): Record<string, PortBinding[] | null> {
  const cn = ctl.per.get(c.id);
  if (!cn?.run) return {};
  const out: Record<string, PortBinding[] | null> = {};
  for (const p of Object.keys(c.config.ExposedPorts ?? {})) out[p] = null;
  for (const m of cn.run.mappings) {
    const k = `${m.ctrPort}/${m.proto}`;
    (out[k] ??= []) as PortBinding[];
    (out[k] as PortBinding[]).push({ HostIp: m.hostIp, HostPort: String(m.hostPort) });
  }
  return out;
}

export function settingsView(ctl: NetController, c: Container): Settings {
  const cn = ctl.per.get(c.id);
  const networks: Record<string, EndpointSettings> = {};
  let top: EndpointSettings | undefined;
  for (const netId of cn?.eps.keys() ?? []) {
    const n = ctl.store.networks.get(netId);
    const v = endpointView(ctl, c, netId);
    networks[n?.name ?? netId.replace(/^name:/, '')] = v;
    if (n?.name === 'bridge') top = v;
  }
  const run = cn?.run;
  return {
    Bridge: '', SandboxID: run ? run.sandboxId : '', SandboxKey: run ? `/var/run/docker/netns/${c.hostConfig.NetworkMode === 'host' ? 'default' : run.sandboxId.slice(0, 12)}` : '',
    Ports: portsView(ctl, c), HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
    EndpointID: top?.EndpointID ?? '', Gateway: top?.Gateway ?? '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    IPAddress: top?.IPAddress ?? '', IPPrefixLen: top?.IPPrefixLen ?? 0, IPv6Gateway: '', MacAddress: top?.MacAddress ?? '',
    Networks: networks,
  };
}

/** The Ports of a `docker ps` entry: published ones with their host side, exposed ones alone. */
export function summaryPorts(ctl: NetController, c: Container): Port[] {
  const out: Port[] = [];
  // A stopped container lists no ports (its NetworkSettings.Ports are gone).
  if (!ctl.per.get(c.id)?.run) return out;
  const published = new Set<string>();
  for (const m of ctl.mappings(c)) {
    published.add(`${m.ctrPort}/${m.proto}`);
    out.push({ IP: m.hostIp, PrivatePort: m.ctrPort, PublicPort: m.hostPort, Type: m.proto });
  }
  for (const p of Object.keys(c.config.ExposedPorts ?? {})) {
    if (published.has(p)) continue;
    const [num, proto] = p.split('/');
    out.push({ PrivatePort: Number(num), Type: (proto || 'tcp') as Port['Type'] });
  }
  return out;
}

/** NetworkSettings.Networks of a `docker ps` entry. */
export function summaryNetworks(ctl: NetController, c: Container): Record<string, EndpointSettings> {
  const cn = ctl.per.get(c.id);
  const out: Record<string, EndpointSettings> = {};
  for (const netId of cn?.eps.keys() ?? []) {
    const n = ctl.store.networks.get(netId);
    out[n?.name ?? netId.replace(/^name:/, '')] = endpointView(ctl, c, netId);
  }
  return out;
}
