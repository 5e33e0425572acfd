import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import { apiFail } from '../util.ts';

/** convertDriverOpt: "key=value" each. */
function driverOpts(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of list) {
    const i = o.indexOf('=');
    if (i < 0) throw new StatusError('invalid key value pair format in driver options', 1);
    out[o.slice(0, i).trim().toLowerCase()] = o.slice(i + 1).trim();
  }
  return out;
}

/** docker network connect (network/connect.go) */
export const networkConnect: Command = {
  use: 'connect [OPTIONS] NETWORK CONTAINER',
  short: 'Connect a container to a network',
  flags: {
    alias: { type: 'strings', usage: 'Add network-scoped alias for the container' },
    'driver-opt': { type: 'strings', usage: 'driver options for the network' },
    'gw-priority': { type: 'int', usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.' },
    ip: { type: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
    ip6: { type: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
    link: { type: 'list', usage: 'Add link to another container' },
    'link-local-ip': { type: 'strings', usage: 'Add a link-local address for the container' },
  },
  args: exactArgs(2),
  async run(cli, opts, [network, container]) {
    const drv = driverOpts(opts.list('driver-opt'));
    try {
      await cli.client.networkConnect(network, {
        Container: container,
        EndpointConfig: {
          IPAMConfig: { IPv4Address: opts.str('ip') || undefined, IPv6Address: opts.str('ip6') || undefined, LinkLocalIPs: opts.list('link-local-ip').length ? opts.list('link-local-ip') : undefined },
          Links: opts.list('link'), Aliases: opts.list('alias'), DriverOpts: Object.keys(drv).length ? drv : null, GwPriority: opts.num('gw-priority'),
        },
      });
    } catch (e) { apiFail(cli, e); }
  },
};
