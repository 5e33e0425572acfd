import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker pause (container/pause.go) */
export const pause: Command = {
  use: 'pause CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  aliasesText: 'docker container pause, docker pause',
  args: minArgs(1),
  async run(cli, _opts, names) {
    await forEachName(cli, names, (n) => cli.client.containerPause(n));
  },
};

/** docker unpause (container/unpause.go) */
export const unpause: Command = {
  use: 'unpause CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  aliasesText: 'docker container unpause, docker unpause',
  args: minArgs(1),
  async run(cli, _opts, names) {
    await forEachName(cli, names, (n) => cli.client.containerUnpause(n));
  },
};
