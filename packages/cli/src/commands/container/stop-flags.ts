// The flags docker stop and docker restart share (container/stop.go and
// restart.go declare the same three), and the options they make.

import type { FlagSpecs } from '../../flags/types.ts';
import type { Opts } from '../../flags/flagset.ts';

export const stopFlags: FlagSpecs = {
  signal: { type: 'string', short: 's', usage: 'Signal to send to the container' },
  time: { type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', hidden: true },
  timeout: { type: 'int', short: 't', usage: 'Seconds to wait before killing the container' },
};

/** --timeout wins over the deprecated --time; neither set leaves the daemon's default. */
export function stopOptions(opts: Opts): { signal: string | undefined; timeout: number | undefined } {
  const timeout = opts.isSet('timeout') ? opts.num('timeout') : opts.isSet('time') ? opts.num('time') : undefined;
  return { signal: opts.str('signal') || undefined, timeout };
}
