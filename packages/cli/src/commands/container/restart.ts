import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';
import { stopFlags, stopOptions } from './stop-flags.ts';

/** docker restart (container/restart.go) */
export const restart: Command = {
  use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliasesText: 'docker container restart, docker restart',
  flags: stopFlags,
  args: minArgs(1),
  async run(cli, opts, names) {
    await forEachName(cli, names, (n) => cli.client.containerRestart(n, stopOptions(opts)));
  },
};
