import { isNotFound } from '../../cli.ts';
import { minArgs, StatusError, type Command } from '../../cobra/command.ts';

/** docker rmi / docker image rm (image/remove.go): "Untagged:" and "Deleted:" lines. */
export const rmi: Command = {
  use: 'rmi [OPTIONS] IMAGE [IMAGE...]',
  short: 'Remove one or more images',
  aliasesText: 'docker image rm, docker image remove, docker rmi',
  flags: {
    force: { type: 'bool', short: 'f', usage: 'Force removal of the image' },
    'no-prune': { type: 'bool', usage: 'Do not delete untagged parents' },
    platform: { type: 'strings', usage: 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")', annotations: { version: '1.50' } },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    const force = opts.bool('force');
    let fatal = false;
    const errs: string[] = [];
    for (const img of names) {
      try {
        const dels = await cli.client.imageRemove(img, { force, noprune: opts.bool('no-prune') });
        for (const d of dels) await cli.out(d.Deleted ? `Deleted: ${d.Deleted}\n` : `Untagged: ${d.Untagged}\n`);
      } catch (e) {
        if (!isNotFound(e)) fatal = true;
        errs.push(cli.errorText(e));
      }
    }
    if (errs.length) {
      if (!force || fatal) throw new StatusError(errs.join('\n'), 1);
      await cli.err(errs.join('\n') + '\n');
    }
  },
};

export const imageRm: Command = { ...rmi, use: 'rm [OPTIONS] IMAGE [IMAGE...]', aliases: ['rmi', 'remove'] };
