import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker volume rm (volume/remove.go) */
export const volumeRm: Command = {
  use: 'rm [OPTIONS] VOLUME [VOLUME...]',
  short: 'Remove one or more volumes',
  long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
  aliases: ['remove'],
  aliasesText: 'docker volume rm, docker volume remove',
  flags: { force: { type: 'bool', short: 'f', usage: 'Force the removal of one or more volumes', annotations: { version: '1.25' } } },
  args: minArgs(1),
  async run(cli, opts, names) {
    await forEachName(cli, names, (n) => cli.client.volumeRemove(n, opts.bool('force')));
  },
};
