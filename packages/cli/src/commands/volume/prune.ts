import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { humanSize } from '@dockersim/image';
import { confirm } from '../container/prune.ts';
import { apiFail, filtersOf } from '../util.ts';

const UNUSED = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/** docker volume prune (volume/prune.go) */
export const volumePrune: Command = {
  use: 'prune [OPTIONS]',
  short: 'Remove unused local volumes',
  annotations: { version: '1.25' },
  flags: {
    all: { type: 'bool', short: 'a', usage: 'Remove all unused volumes, not just anonymous ones', annotations: { version: '1.42' } },
    filter: { type: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' },
    force: { type: 'bool', short: 'f', usage: 'Do not prompt for confirmation' },
  },
  args: noArgs,
  async run(cli, opts) {
    const filters = filtersOf(opts.list('filter'));
    let warning = UNUSED;
    if (opts.bool('all')) {
      if (filters.all) throw new StatusError('conflicting options: cannot specify both --all and --filter all=1', 1);
      filters.all = ['true'];
      warning = ALL;
    }
    if (!opts.bool('force') && !(await confirm(cli, warning))) throw new StatusError('', 1);
    let report;
    try { report = await cli.client.volumesPrune(filters); } catch (e) { apiFail(cli, e); }
    let reclaimed = 0;
    if (report.VolumesDeleted?.length) {
      await cli.out('Deleted Volumes:\n' + report.VolumesDeleted.map((n) => n + '\n').join('') + '\n');
      reclaimed = report.SpaceReclaimed;
    }
    await cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
