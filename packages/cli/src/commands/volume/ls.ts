import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { formatWrite } from '../../format/context.ts';
import { VolumeContext, volumeFormat, volumeHeader } from '../../format/volume.ts';
import { FORMAT_HELP } from '../help-texts.ts';
import { apiFail, filtersOf } from '../util.ts';

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const xs = a.match(re) ?? [], ys = b.match(re) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    if (x === y) continue;
    const dx = /^\d/.test(x), dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+/, ''), ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length < ny.length;
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return xs.length < ys.length;
}

/** docker volume ls (volume/list.go) */
export const volumeLs: Command = {
  use: 'ls [OPTIONS]',
  short: 'List volumes',
  aliases: ['list'],
  aliasesText: 'docker volume ls, docker volume list',
  flags: {
    cluster: { type: 'bool', usage: 'Display only cluster volumes, and use cluster volume list formatting', annotations: { version: '1.42', swarm: 'manager' } },
    filter: { type: 'filter', short: 'f', usage: 'Provide filter values (e.g. "dangling=true")' },
    format: { type: 'string', usage: FORMAT_HELP },
    quiet: { type: 'bool', short: 'q', usage: 'Only display volume names' },
  },
  args: noArgs,
  async run(cli, opts) {
    let res;
    try { res = await cli.client.volumeList({ filters: filtersOf(opts.list('filter')) }); } catch (e) { apiFail(cli, e); }
    const vols = [...(res.Volumes ?? [])].sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
    const format = volumeFormat(opts.str('format') || 'table', opts.bool('quiet'));
    try { await cli.out(formatWrite(format, volumeHeader, vols.map((v) => new VolumeContext(v)))); } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};
