// docker image prune (image/prune.go) and docker builder prune
// (builder/prune.go): confirmation, then what went and the space reclaimed.

import { noArgs, StatusError, type Command } from '../../../cobra/command.ts';
import { humanSize } from '@dockersim/image';
import { confirm } from '../../container/prune.ts';
import { filtersOf } from '../../util.ts';

export const imagePrune: Command = {
  use: 'prune [OPTIONS]',
  short: 'Remove unused images',
  annotations: { version: '1.25' },
  flags: {
    all: { type: 'bool', short: 'a', usage: 'Remove all unused images, not just dangling ones' },
    filter: { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    force: { type: 'bool', short: 'f', usage: 'Do not prompt for confirmation' },
  },
  args: noArgs,
  async run(cli, opts) {
    const all = opts.bool('all');
    if (!opts.bool('force')) {
      const warning = all ? 'WARNING! This will remove all images without at least one container associated to them.' : 'WARNING! This will remove all dangling images.';
      if (!(await confirm(cli, `${warning}\nAre you sure you want to continue?`))) throw new StatusError('', 1);
    }
    const filters = filtersOf(opts.list('filter'));
    filters.dangling = [all ? 'false' : 'true'];
    let report;
    try { report = await cli.client.imagePrune(filters); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    let out = '';
    if (report.ImagesDeleted?.length) {
      out += 'Deleted Images:\n';
      for (const d of report.ImagesDeleted) out += d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted}\n`;
      out += '\n';
    }
    await cli.out(out + `Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
  },
};

export const builderPrune: Command = {
  use: 'prune',
  short: 'Remove build cache',
  annotations: { version: '1.39' },
  flags: {
    all: { type: 'bool', short: 'a', usage: 'Remove all unused build cache, not just dangling ones' },
    filter: { type: 'filter', usage: 'Provide filter values (e.g. "until=24h")' },
    force: { type: 'bool', short: 'f', usage: 'Do not prompt for confirmation' },
    'keep-storage': { type: 'bytes', usage: 'Amount of disk space to keep for cache' },
  },
  args: noArgs,
  async run(cli, opts) {
    if (!opts.bool('force')) {
      const warning = opts.bool('all') ? 'WARNING! This will remove all build cache.' : 'WARNING! This will remove all dangling build cache.';
      if (!(await confirm(cli, `${warning} Are you sure you want to continue?`))) throw new StatusError('', 1);
    }
    let report;
    try { report = await cli.client.buildPrune({ all: opts.bool('all'), filters: filtersOf(opts.list('filter')) }); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    let out = '';
    if (report.CachesDeleted?.length) out += 'Deleted build cache objects:\n' + report.CachesDeleted.map((c) => c + '\n').join('') + '\n';
    await cli.out(out + `Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
  },
};
