import { rangeArgs, maxArgs, StatusError, type Command } from '../../cobra/command.ts';
import { formatWrite } from '../../format/context.ts';
import { imageFormat, imageHeader, imageRows } from '../../format/image.ts';
import { FORMAT_HELP } from '../help-texts.ts';
import { filtersOf } from '../util.ts';

void rangeArgs;

/** docker images / docker image ls (image/list.go), the classic image store's table. */
export const images: Command = {
  use: 'images [OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  aliasesText: 'docker image ls, docker image list, docker images',
  categoryTop: 7,
  flags: {
    all: { type: 'bool', short: 'a', usage: 'Show all images (default hides intermediate images)' },
    digests: { type: 'bool', usage: 'Show digests' },
    filter: { type: 'filter', short: 'f', usage: 'Filter output based on conditions provided' },
    format: { type: 'string', usage: FORMAT_HELP },
    'no-trunc': { type: 'bool', usage: "Don't truncate output" },
    quiet: { type: 'bool', short: 'q', usage: 'Only show image IDs' },
    tree: { type: 'bool', usage: 'List multi-platform images as a tree (EXPERIMENTAL)' },
  },
  args: maxArgs(1),
  async run(cli, opts, [match]) {
    const filters = filtersOf(opts.list('filter'));
    if (match) (filters.reference ??= []).push(match);
    if (opts.bool('tree')) {
      if (opts.bool('quiet')) throw new StatusError('--quiet is not yet supported with --tree', 1);
      if (opts.bool('no-trunc')) throw new StatusError('--no-trunc is not yet supported with --tree', 1);
      if (opts.bool('digests')) throw new StatusError('--show-digest is not yet supported with --tree', 1);
      if (opts.str('format')) throw new StatusError('--format is not yet supported with --tree', 1);
    }
    let list;
    try { list = await cli.client.imageList({ all: opts.bool('all'), filters }); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    const source = opts.str('format') || 'table';
    const format = imageFormat(source, opts.bool('quiet'), opts.bool('digests'));
    const rows = imageRows(list, { trunc: !opts.bool('no-trunc'), digest: opts.bool('digests'), format, now: cli.io.now() });
    try { await cli.out(formatWrite(format, imageHeader, rows)); } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};

export const imageLs: Command = { ...images, use: 'ls [OPTIONS] [REPOSITORY[:TAG]]', aliases: ['images', 'list'], categoryTop: undefined };
