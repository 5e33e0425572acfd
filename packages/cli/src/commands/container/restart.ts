import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker restart (container/restart.go) */
export const restart: Command = {
  use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliasesText: 'docker container restart, docker restart',
  flags: {
    signal: { type: 'string', short: 's', usage: 'Signal to send to the container' },
    time: { type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', hidden: true },
    timeout: { type: 'int', short: 't', usage: 'Seconds to wait before killing the container' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    const timeout = opts.isSet('timeout') ? opts.num('timeout') : opts.isSet('time') ? opts.num('time') : undefined;
    await forEachName(cli, names, (n) => cli.client.containerRestart(n, { signal: opts.str('signal') || undefined, timeout }));
  },
};
