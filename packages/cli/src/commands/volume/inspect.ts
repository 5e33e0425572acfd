import { minArgs, type Command } from '../../cobra/command.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';
import { inspectRefs } from '../inspect-util.ts';

/** docker volume inspect (volume/inspect.go) */
export const volumeInspect: Command = {
  use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  flags: { format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP } },
  args: minArgs(1),
  async run(cli, opts, names) {
    await inspectRefs(cli, names, opts.str('format'), (name) => cli.client.volumeInspect(name));
  },
};
