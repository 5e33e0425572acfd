// --network (simple or "name=...,alias=...,ip=..." form), --network-alias,
// --ip, --link → NetworkMode and NetworkingConfig.EndpointsConfig, as
// docker/cli's parseNetworkOpts builds them: the flat flags apply to the
// first network (or "default").

import type { EndpointSettings } from '@dockersim/engine-api';
import type { Opts } from '../../flags/flagset.ts';
import { OptsError } from './parse-opts.ts';

interface Attachment { target: string; aliases: string[]; links: string[]; ipv4: string; ipv6: string; mac: string; driverOpts: Record<string, string>; gwPriority: number }

const isUserDefined = (m: string) => !['default', 'bridge', 'host', 'none'].includes(m) && !m.startsWith('container:');

/** opts.NetworkOpt.Set: a plain name, or comma-separated key=value fields. */
function parseAttachment(v: string): Attachment {
  const a: Attachment = { target: v, aliases: [], links: [], ipv4: '', ipv6: '', mac: '', driverOpts: {}, gwPriority: 0 };
  if (!v.includes('=')) return a;
  a.target = '';
  for (const field of v.split(',')) {
    const i = field.indexOf('=');
    const k = (i < 0 ? field : field.slice(0, i)).trim().toLowerCase(), val = i < 0 ? '' : field.slice(i + 1).trim();
    switch (k) {
      case 'name': a.target = val; break;
      case 'alias': a.aliases.push(val); break;
      case 'link': a.links.push(val); break;
      case 'ip': a.ipv4 = val; break;
      case 'ip6': a.ipv6 = val; break;
      case 'mac-address': a.mac = val; break;
      case 'gw-priority': a.gwPriority = Number(val); break;
      case 'driver-opt': { const j = val.indexOf('='); a.driverOpts[val.slice(0, j)] = val.slice(j + 1); break; }
      default: throw new OptsError(`invalid field key ${k}`);
    }
  }
  return a;
}

function applyFlat(a: Attachment, o: Opts): void {
  const aliases = o.list('network-alias').concat(o.list('net-alias'));
  if (a.aliases.length && aliases.length) throw new OptsError('conflicting options: cannot specify both --network-alias and per-network alias');
  if (a.ipv4 && o.str('ip')) throw new OptsError('conflicting options: cannot specify both --ip and per-network IPv4 address');
  if (aliases.length) a.aliases = aliases;
  if (isUserDefined(a.target) && o.list('link').length) a.links = o.list('link');
  if (o.str('ip')) a.ipv4 = o.str('ip');
  if (o.str('ip6')) a.ipv6 = o.str('ip6');
  if (o.str('mac-address')) a.mac = o.str('mac-address');
}

function endpointOf(a: Attachment): EndpointSettings {
  if (!a.target.trim()) throw new OptsError('no name set for network');
  if (!isUserDefined(a.target)) {
    if (a.aliases.length) throw new OptsError('network-scoped aliases are only supported for user-defined networks');
    if (a.links.length) throw new OptsError('links are only supported for user-defined networks');
  }
  const ep: EndpointSettings = { GwPriority: a.gwPriority };
  if (a.aliases.length) ep.Aliases = a.aliases;
  if (Object.keys(a.driverOpts).length) ep.DriverOpts = a.driverOpts;
  if (a.links.length) ep.Links = a.links;
  if (a.ipv4 || a.ipv6) ep.IPAMConfig = { ...(a.ipv4 ? { IPv4Address: a.ipv4 } : {}), ...(a.ipv6 ? { IPv6Address: a.ipv6 } : {}) };
  if (a.mac) ep.MacAddress = a.mac;
  return ep;
}

const isEmpty = (ep: EndpointSettings) => !ep.GwPriority && !ep.Aliases && !ep.DriverOpts && !ep.Links && !ep.IPAMConfig && !ep.MacAddress;

export function parseNetworkOpts(o: Opts): { networkMode: string; endpoints: Record<string, EndpointSettings> } {
  const values = [...o.list('network'), ...o.list('net')].map(parseAttachment);
  const endpoints: Record<string, EndpointSettings> = {};
  if (!values.length) {
    const a = parseAttachment('default');
    applyFlat(a, o);
    endpoints.default = endpointOf(a);
    return { networkMode: 'default', endpoints };
  }
  let user = false, nonUser = false;
  values.forEach((a, i) => {
    if (isUserDefined(a.target)) user = true; else nonUser = true;
    if (i === 0) applyFlat(a, o);
    const ep = endpointOf(a);
    if (endpoints[a.target]) throw new OptsError(`network "${a.target}" is specified multiple times`);
    if (i === 0 && values.length === 1 && isEmpty(ep)) return;
    endpoints[a.target] = ep;
  });
  if (user && nonUser) throw new OptsError('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
  return { networkMode: values[0].target, endpoints };
}
