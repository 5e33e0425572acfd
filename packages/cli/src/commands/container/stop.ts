import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';
import { stopFlags, stopOptions } from './stop-flags.ts';

/** docker stop (container/stop.go) */
export const stop: Command = {
  use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliasesText: 'docker container stop, docker stop',
  flags: stopFlags,
  args: minArgs(1),
  async run(cli, opts, names) {
    await forEachName(cli, names, (n) => cli.client.containerStop(n, stopOptions(opts)));
  },
};
