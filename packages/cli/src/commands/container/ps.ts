import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { FlagSpecs } from '../../flags/types.ts';
import { containerFormat, containerHeader, ContainerContext } from '../../format/container.ts';
import { formatWrite } from '../../format/context.ts';
import { FORMAT_HELP } from '../help-texts.ts';
import { Template, TemplateError } from '../../template/index.ts';
import { filtersOf } from '../util.ts';

const psFlags: FlagSpecs = {
  all: { type: 'bool', short: 'a', usage: 'Show all containers (default shows just running)' },
  filter: { type: 'filter', short: 'f', usage: 'Filter output based on conditions provided' },
  format: { type: 'string', usage: FORMAT_HELP },
  last: { type: 'int', short: 'n', usage: 'Show n last created containers (includes all states)', defValue: '-1', default: -1 },
  latest: { type: 'bool', short: 'l', usage: 'Show the latest created container (includes all states)' },
  'no-trunc': { type: 'bool', usage: "Don't truncate output" },
  quiet: { type: 'bool', short: 'q', usage: 'Only display container IDs' },
  size: { type: 'bool', short: 's', usage: 'Display total file sizes' },
};

/** docker ps / docker container ls (container/list.go) */
export const ps: Command = {
  use: 'ps [OPTIONS]',
  short: 'List containers',
  aliasesText: 'docker container ls, docker container list, docker container ps, docker ps',
  categoryTop: 3,
  flags: psFlags,
  args: noArgs,
  async run(cli, opts) {
    let format = opts.str('format');
    const quiet = opts.bool('quiet');
    if (format && quiet) await cli.err('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
    let size = opts.bool('size');
    let limit = opts.num('last');
    if (opts.bool('latest') && limit === -1) limit = 1;
    if (format) {
      let tmpl: Template;
      try { tmpl = Template.parse(format); } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(`failed to parse template: ${e.message}`, 1);
        throw e;
      }
      // docker executes the template once over an empty row to learn whether .Size is used
      let usesSize = false;
      const probe = new ContainerContext({ Id: '', Names: [], Image: '', ImageID: '', Command: '', Created: 0, Ports: [], Labels: {}, State: '', Status: '', Mounts: [] } as never, true, 0);
      const sizeFn = probe.Size.bind(probe);
      probe.Size = () => { usesSize = true; return sizeFn(); };
      try { tmpl.execute(probe); } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(`failed to execute template: ${e.message}`, 1);
        throw e;
      }
      if (!quiet && !size && !opts.isSet('size') && usesSize) size = true;
    }
    let list;
    try {
      list = await cli.client.containerList({ all: opts.bool('all'), limit, size, filters: filtersOf(opts.list('filter')) });
    } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    const now = cli.io.now();
    const rows = list.map((c) => new ContainerContext(c, !opts.bool('no-trunc'), now));
    try {
      await cli.out(formatWrite(containerFormat(format, quiet, size), containerHeader, rows));
    } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};

/** docker container ls */
export const containerLs: Command = { ...ps, use: 'ls [OPTIONS]', aliases: ['list', 'ps'], categoryTop: undefined };
