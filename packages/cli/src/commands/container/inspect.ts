import { minArgs, type Command } from '../../cobra/command.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';
import { inspectRefs } from '../inspect-util.ts';

/** docker container inspect (container/inspect.go) */
export const containerInspect: Command = {
  use: 'inspect [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  flags: {
    format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP },
    size: { type: 'bool', short: 's', usage: 'Display total file sizes' },
  },
  args: minArgs(1),
  async run(cli, opts, refs) {
    await inspectRefs(cli, refs, opts.str('format'), (ref) => cli.client.containerInspect(ref, { size: opts.bool('size') }));
  },
};
