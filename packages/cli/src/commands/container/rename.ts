import { StatusError, exactArgs, type Command } from '../../cobra/command.ts';

/** docker rename (container/rename.go) */
export const rename: Command = {
  use: 'rename CONTAINER NEW_NAME',
  short: 'Rename a container',
  aliasesText: 'docker container rename, docker rename',
  args: exactArgs(2),
  async run(cli, _opts, [oldArg, newArg]) {
    const oldName = oldArg.trim(), newName = newArg.trim();
    if (!oldName || !newName) throw new StatusError('Error: Neither old nor new names may be empty', 1);
    try {
      await cli.client.containerRename(oldName, newName);
    } catch (e) {
      await cli.err(cli.errorText(e) + '\n');
      throw new StatusError(`Error: failed to rename container named ${oldName}`, 1);
    }
  },
};
