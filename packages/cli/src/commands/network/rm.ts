import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { isNotFound } from '../../cli.ts';

/** docker network rm (network/remove.go): each error on stderr, then "exit status 1". */
export const networkRm: Command = {
  use: 'rm NETWORK [NETWORK...]',
  short: 'Remove one or more networks',
  aliases: ['remove'],
  aliasesText: 'docker network rm, docker network remove',
  flags: { force: { type: 'bool', short: 'f', usage: 'Do not error if the network does not exist' } },
  args: minArgs(1),
  async run(cli, opts, names) {
    let status = 0;
    for (const name of names) {
      try { await cli.client.networkRemove(name); } catch (e) {
        if (opts.bool('force') && isNotFound(e)) continue;
        await cli.err(cli.errorText(e) + '\n');
        status = 1;
        continue;
      }
      await cli.out(name + '\n');
    }
    // the only command that gives its StatusError a text, which docker prints
    if (status) throw new StatusError(`exit status ${status}`, status);
  },
};
