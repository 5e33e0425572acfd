import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker kill (container/kill.go) */
export const kill: Command = {
  use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  aliasesText: 'docker container kill, docker kill',
  flags: {
    signal: { type: 'string', short: 's', usage: 'Signal to send to the container' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    await forEachName(cli, names, (n) => cli.client.containerKill(n, opts.str('signal') || undefined));
  },
};
