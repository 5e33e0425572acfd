import { exactArgs, type Command } from '../../cobra/command.ts';
import { apiFail } from '../util.ts';

/** docker network disconnect (network/disconnect.go) */
export const networkDisconnect: Command = {
  use: 'disconnect [OPTIONS] NETWORK CONTAINER',
  short: 'Disconnect a container from a network',
  flags: { force: { type: 'bool', short: 'f', usage: 'Force the container to disconnect from a network' } },
  args: exactArgs(2),
  async run(cli, opts, [network, container]) {
    try { await cli.client.networkDisconnect(network, container, opts.bool('force')); } catch (e) { apiFail(cli, e); }
  },
};
