import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Cli } from '../../cli.ts';
import { humanSize } from '@dockersim/image';
import { filtersOf } from '../util.ts';

/** prompt.Confirm: writes "MESSAGE [y/N] " and reads one line; only "y"/"Y" confirms. */
export async function confirm(cli: Cli, message: string): Promise<boolean> {
  await cli.out(`${message} [y/N] `);
  const dec = new TextDecoder();
  let line = '';
  for (;;) {
    const c = await cli.io.read();
    if (!c.length) break;
    line += dec.decode(c, { stream: true });
    if (line.includes('\n')) break;
  }
  return line.split('\n')[0].trim().toLowerCase() === 'y';
}

/** docker container prune (container/prune.go) */
export const containerPrune: Command = {
  use: 'prune [OPTIONS]',
  short: 'Remove all stopped containers',
  annotations: { version: '1.25' },
  flags: {
    filter: { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    force: { type: 'bool', short: 'f', usage: 'Do not prompt for confirmation' },
  },
  args: noArgs,
  async run(cli, opts) {
    if (!opts.bool('force')) {
      const ok = await confirm(cli, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?');
      // a cancelled prune prints nothing and exits 1
      if (!ok) throw new StatusError('', 1);
    }
    let report;
    try { report = await cli.client.containerPrune(filtersOf(opts.list('filter'))); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    let reclaimed = 0;
    if (report.ContainersDeleted?.length) {
      await cli.out('Deleted Containers:\n' + report.ContainersDeleted.map((id) => id + '\n').join('') + '\n');
      reclaimed = report.SpaceReclaimed;
    }
    await cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
