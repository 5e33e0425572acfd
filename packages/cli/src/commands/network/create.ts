import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { IPAMConfig } from '@dockersim/engine-api';
import { apiFail } from '../util.ts';

/** net.ParseCIDR's error text ("invalid CIDR address: x"), or the parsed network and address. */
function parseCIDR(s: string): { net: number; len: number; ip: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 32) throw new Error(`invalid CIDR address: ${s}`);
  const ip = m.slice(1, 5).reduce((a, x) => a * 256 + Number(x), 0);
  const len = Number(m[5]);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { net: (ip & mask) >>> 0, len, ip };
}

function parseIP(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return m.slice(1).reduce((a, x) => a * 256 + Number(x), 0);
}

/** subnetMatches: whether data (an address or CIDR) lies in subnet. */
function subnetMatches(subnet: string, data: string): boolean {
  let s;
  try { s = parseCIDR(subnet); } catch (e) { throw new Error(`invalid subnet: ${(e as Error).message}`); }
  const ip = data.includes('/') ? parseCIDR(data).ip : parseIP(data);
  if (ip === undefined) return false;
  const mask = s.len === 0 ? 0 : (0xffffffff << (32 - s.len)) >>> 0;
  return ((ip & mask) >>> 0) === s.net;
}

/** createIPAMConfig: subnets, ranges and gateways grouped per subnet, with the CLI's own checks. */
export function ipamConfig(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): IPAMConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) throw new Error('every ip-range or gateway must have a corresponding subnet');
  const data = new Map<string, IPAMConfig & { AuxiliaryAddresses: Record<string, string> }>();
  for (const s of subnets) {
    for (const k of data.keys()) if (subnetMatches(s, k) || subnetMatches(k, s)) throw new Error('multiple overlapping subnet configuration is not supported');
    data.set(s, { Subnet: s, AuxiliaryAddresses: {} });
  }
  for (const r of ranges) {
    let match = false;
    for (const s of subnets) {
      parseCIDR(r);
      if (!subnetMatches(s, r)) continue;
      const d = data.get(s)!;
      if (d.IPRange) throw new Error(`cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`);
      d.IPRange = r;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for range ${r}`);
  }
  for (const g of gateways) {
    let match = false;
    for (const s of subnets) {
      if (!subnetMatches(s, g)) continue;
      const d = data.get(s)!;
      if (d.Gateway) throw new Error(`cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`);
      d.Gateway = g;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for gateway ${g}`);
  }
  for (const [k, a] of Object.entries(aux)) {
    let match = false;
    for (const s of subnets) if (subnetMatches(s, a)) { data.get(s)!.AuxiliaryAddresses[k] = a; match = true; }
    if (!match) throw new Error(`no matching subnet for aux-address ${a}`);
  }
  return [...data.values()].map((d) => {
    const { AuxiliaryAddresses, ...rest } = d;
    return Object.keys(AuxiliaryAddresses).length ? { ...rest, AuxiliaryAddresses } : rest;
  });
}

/** docker network create (network/create.go) */
export const networkCreate: Command = {
  use: 'create [OPTIONS] NETWORK',
  short: 'Create a network',
  flags: {
    attachable: { type: 'bool', usage: 'Enable manual container attachment', annotations: { version: '1.25' } },
    'aux-address': { type: 'map', usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver', defValue: 'map[]' },
    'config-from': { type: 'string', usage: 'The network from which to copy the configuration', annotations: { version: '1.30' } },
    'config-only': { type: 'bool', usage: 'Create a configuration only network', annotations: { version: '1.30' } },
    driver: { type: 'string', short: 'd', usage: 'Driver to manage the Network', default: 'bridge', defValue: 'bridge' },
    gateway: { type: 'strings', usage: 'IPv4 or IPv6 Gateway for the master subnet' },
    ingress: { type: 'bool', usage: 'Create swarm routing-mesh network', annotations: { version: '1.29' } },
    internal: { type: 'bool', usage: 'Restrict external access to the network' },
    'ip-range': { type: 'strings', usage: 'Allocate container ip from a sub-range' },
    'ipam-driver': { type: 'string', usage: 'IP Address Management Driver', default: 'default', defValue: 'default' },
    'ipam-opt': { type: 'map', usage: 'Set IPAM driver specific options', defValue: 'map[]' },
    ipv4: { type: 'bool', usage: 'Enable or disable IPv4 address assignment', default: true, defValue: 'true' },
    ipv6: { type: 'bool', usage: 'Enable or disable IPv6 address assignment' },
    label: { type: 'list', usage: 'Set metadata on a network' },
    opt: { type: 'map', short: 'o', usage: 'Set driver specific options', defValue: 'map[]' },
    scope: { type: 'string', usage: "Control the network's scope", annotations: { version: '1.30' } },
    subnet: { type: 'strings', usage: 'Subnet in CIDR format that represents a network segment' },
  },
  args: exactArgs(1),
  async run(cli, opts, [name]) {
    let config: IPAMConfig[];
    try {
      config = ipamConfig(opts.list('subnet'), opts.list('ip-range'), opts.list('gateway'), opts.map('aux-address'));
    } catch (e) { throw new StatusError((e as Error).message, 1); }
    const labels: Record<string, string> = {};
    for (const l of opts.list('label')) { const i = l.indexOf('='); labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1); }
    let res;
    try {
      res = await cli.client.networkCreate({
        Name: name, Driver: opts.str('driver'), Scope: opts.str('scope'),
        ...(opts.isSet('ipv4') ? { EnableIPv4: opts.bool('ipv4') } : {}), ...(opts.isSet('ipv6') ? { EnableIPv6: opts.bool('ipv6') } : {}),
        IPAM: { Driver: opts.str('ipam-driver'), Config: config, Options: opts.map('ipam-opt') },
        Internal: opts.bool('internal'), Attachable: opts.bool('attachable'), Ingress: opts.bool('ingress'),
        ConfigOnly: opts.bool('config-only'), ConfigFrom: opts.str('config-from') ? { Network: opts.str('config-from') } : null,
        Options: opts.map('opt'), Labels: labels,
      });
    } catch (e) { apiFail(cli, e); }
    await cli.out(res.Id + '\n');
  },
};
