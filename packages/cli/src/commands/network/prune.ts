import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { confirm } from '../container/prune.ts';
import { apiFail, filtersOf } from '../util.ts';

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

/** docker network prune (network/prune.go) */
export const networkPrune: Command = {
  use: 'prune [OPTIONS]',
  short: 'Remove all unused networks',
  annotations: { version: '1.25' },
  flags: {
    filter: { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    force: { type: 'bool', short: 'f', usage: 'Do not prompt for confirmation' },
  },
  args: noArgs,
  async run(cli, opts) {
    if (!opts.bool('force') && !(await confirm(cli, WARNING))) throw new StatusError('', 1);
    let report;
    try { report = await cli.client.networksPrune(filtersOf(opts.list('filter'))); } catch (e) { apiFail(cli, e); }
    if (report.NetworksDeleted?.length) await cli.out('Deleted Networks:\n' + report.NetworksDeleted.map((n) => n + '\n').join(''));
  },
};
