import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { TabWriter } from '../../format/tabwriter.ts';

/** docker top (container/top.go): the daemon's ps table, aligned with minwidth 20. */
export const top: Command = {
  use: 'top CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  aliasesText: 'docker container top, docker top',
  interspersed: false,
  args: minArgs(1),
  async run(cli, _opts, [id, ...psArgs]) {
    let list;
    try { list = await cli.client.containerTop(id, psArgs.length ? psArgs.join(' ') : undefined); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    const w = new TabWriter(20, 1, 3, ' ');
    w.write(list.Titles.join('\t') + '\n');
    for (const p of list.Processes) w.write(p.join('\t') + '\n');
    await cli.out(w.flush());
  },
};
