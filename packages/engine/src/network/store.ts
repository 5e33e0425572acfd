// libnetwork's networks as dockerd keeps them: the predefined bridge, host
// and none made at start, user-defined ones from POST /networks/create, each
// with its id, driver, IPAM pool, options, labels and creation time, and the
// lookups by full name, full id or id prefix that the API routes use.

import { EngineError, type NetworkInspect } from '@dockersim/engine-api';
import { rfc3339Nano } from '../time.ts';
import { fmtCidr, fmtIPv4, type Pool } from './ipam.ts';

export type DriverName = 'bridge' | 'host' | 'null';

/** One container's attachment to a network (libnetwork's Endpoint). */
export interface Endpoint {
  id: string;
  containerId: string;
  name: string;
  ip: number;
  mac: string;
  /** Interface name inside the container (eth0, eth1, ...); '' on host/none. */
  ifname: string;
  /** The host end of the veth pair. */
  hostIf: string;
  aliases: string[];
  dnsNames: string[];
}

export interface Network {
  id: string;
  name: string;
  driver: DriverName;
  created: number;
  internal: boolean;
  attachable: boolean;
  /** The bridge device (docker0, br-<id12>). */
  bridge: string;
  pool?: Pool;
  /** IPAM.Config as given (Subnet/IPRange/Gateway), or the allocated subnet. */
  ipamConfig: { Subnet?: string; IPRange?: string; Gateway?: string }[] | null;
  /** Whether --subnet was given (needed for --ip). */
  userSubnet: boolean;
  ipamOptions: Record<string, string> | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  endpoints: Map<string, Endpoint>;
  predefined: boolean;
}

export const noSuchNetwork = (term: string) => new EngineError('NotFound', `network ${term} not found`);

export class NetworkStore {
  readonly networks = new Map<string, Network>();

  add(n: Network): void { this.networks.set(n.id, n); }
  delete(n: Network): void { this.networks.delete(n.id); }

  byName(name: string): Network | undefined {
    for (const n of this.networks.values()) if (n.name === name) return n;
    return undefined;
  }

  /** findUniqueNetwork: full name, then full id, then a unique id prefix. */
  find(term: string): Network {
    const byName = [...this.networks.values()].filter((n) => n.name === term);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) throw new EngineError('InvalidParameter', `network ${term} is ambiguous (${byName.length} matches found based on name)`);
    const full = this.networks.get(term);
    if (full) return full;
    const byPrefix = term ? [...this.networks.values()].filter((n) => n.id.startsWith(term)) : [];
    if (byPrefix.length === 1) return byPrefix[0];
    if (byPrefix.length > 1) throw new EngineError('InvalidParameter', `network ${term} is ambiguous (${byPrefix.length} matches found based on ID prefix)`);
    throw noSuchNetwork(term);
  }

  list(): Network[] { return [...this.networks.values()]; }
}

/** The network as GET /networks/{id} shows it. */
export function inspectView(n: Network, containerName: (id: string) => string): NetworkInspect {
  const containers: NetworkInspect['Containers'] = {};
  for (const ep of n.endpoints.values()) {
    containers[ep.containerId] = {
      Name: containerName(ep.containerId), EndpointID: ep.id, MacAddress: ep.mac,
      IPv4Address: ep.ip && n.pool ? `${fmtIPv4(ep.ip)}/${n.pool.subnet.len}` : '', IPv6Address: '',
    };
  }
  return {
    Name: n.name, Id: n.id, Created: rfc3339Nano(n.created), Scope: 'local', Driver: n.driver,
    EnableIPv4: true, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.ipamOptions, Config: n.ipamConfig },
    Internal: n.internal, Attachable: n.attachable, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false,
    Containers: containers, Options: n.options, Labels: n.labels,
  };
}

/** The IPAM.Config entry of a pool made without --subnet. */
export function allocatedConfig(p: Pool): { Subnet: string; Gateway: string } {
  return { Subnet: fmtCidr({ addr: p.subnet.addr, len: p.subnet.len }), Gateway: fmtIPv4(p.gateway) };
}
