// `docker network`: the network management command and its subcommands.

import { noArgs, type Command } from '../../cobra/command.ts';
import { networkConnect } from './connect.ts';
import { networkCreate } from './create.ts';
import { networkDisconnect } from './disconnect.ts';
import { networkInspect } from './inspect.ts';
import { networkLs } from './ls.ts';
import { networkPrune } from './prune.ts';
import { networkRm } from './rm.ts';

export const networkCommand: Command = {
  use: 'network',
  short: 'Manage networks',
  annotations: { version: '1.21' },
  args: noArgs,
  subcommands: [networkConnect, networkCreate, networkDisconnect, networkInspect, networkLs, networkPrune, networkRm],
};
