import { minArgs, StatusError, type Command } from '../../cobra/command.ts';

/** docker wait (container/wait.go): prints each container's exit code. */
export const wait: Command = {
  use: 'wait CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  aliasesText: 'docker container wait, docker wait',
  args: minArgs(1),
  async run(cli, _opts, names) {
    const errs: string[] = [];
    for (const n of names) {
      try {
        const { result } = await cli.client.containerWait(n, 'not-running');
        const r = await result;
        await cli.out(`${r.StatusCode}\n`);
      } catch (e) { errs.push(cli.errorText(e)); }
    }
    if (errs.length) throw new StatusError(errs.join('\n'), 1);
  },
};
