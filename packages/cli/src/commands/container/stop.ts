import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker stop (container/stop.go) */
export const stop: Command = {
  use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliasesText: 'docker container stop, docker stop',
  flags: {
    signal: { type: 'string', short: 's', usage: 'Signal to send to the container' },
    time: { type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', hidden: true },
    timeout: { type: 'int', short: 't', usage: 'Seconds to wait before killing the container' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    const timeout = opts.isSet('timeout') ? opts.num('timeout') : opts.isSet('time') ? opts.num('time') : undefined;
    await forEachName(cli, names, (n) => cli.client.containerStop(n, { signal: opts.str('signal') || undefined, timeout }));
  },
};
