// `docker volume`: the volume management command and its subcommands.

import { noArgs, type Command } from '../../cobra/command.ts';
import { volumeCreate } from './create.ts';
import { volumeInspect } from './inspect.ts';
import { volumeLs } from './ls.ts';
import { volumePrune } from './prune.ts';
import { volumeRm } from './rm.ts';

export const volumeCommand: Command = {
  use: 'volume',
  short: 'Manage volumes',
  annotations: { version: '1.21' },
  args: noArgs,
  subcommands: [
    volumeCreate, volumeInspect, volumeLs, volumePrune, volumeRm,
    { use: 'update [OPTIONS] [VOLUME]', short: 'Update a volume (cluster volumes only)', annotations: { version: '1.42', swarm: 'manager' } },
  ],
};
