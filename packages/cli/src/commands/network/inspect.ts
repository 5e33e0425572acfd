import { minArgs, type Command } from '../../cobra/command.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';
import { inspectRefs } from '../inspect-util.ts';

/** docker network inspect (network/inspect.go) */
export const networkInspect: Command = {
  use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  flags: {
    format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP },
    verbose: { type: 'bool', short: 'v', usage: 'Verbose output for diagnostics' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    await inspectRefs(cli, names, opts.str('format'), (name) => cli.client.networkInspect(name, { verbose: opts.bool('verbose') }));
  },
};
