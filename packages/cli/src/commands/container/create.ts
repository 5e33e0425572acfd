import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { createContainer } from './create-flow.ts';
import { createFlags } from './opts-flags.ts';
import { errorMessage, parseForCreate } from './run.ts';

/** docker create (container/create.go): prints the new container's full id. */
export const create: Command = {
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  aliasesText: 'docker container create, docker create',
  flags: createFlags,
  interspersed: false,
  args: minArgs(1),
  async run(cli, opts, args) {
    const { body, name } = await parseForCreate(cli, opts, args, 'create');
    let id: string;
    try {
      id = await createContainer(cli, body, { name, pull: opts.str('pull'), quiet: opts.bool('quiet'), platform: opts.str('platform') });
    } catch (e) { throw new StatusError(errorMessage(cli, e), 1); }
    await cli.out(id + '\n');
  },
};
