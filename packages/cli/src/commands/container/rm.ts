import { isNotFound } from '../../cli.ts';
import { minArgs, type Command } from '../../cobra/command.ts';
import { forEachName } from '../util.ts';

/** docker rm (container/rm.go) */
export const rm: Command = {
  use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  aliasesText: 'docker container rm, docker container remove, docker rm',
  flags: {
    force: { type: 'bool', short: 'f', usage: 'Force the removal of a running container (uses SIGKILL)' },
    link: { type: 'bool', short: 'l', usage: 'Remove the specified link' },
    volumes: { type: 'bool', short: 'v', usage: 'Remove anonymous volumes associated with the container' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    const force = opts.bool('force');
    await forEachName(cli, names, async (n) => {
      const id = n.replace(/^\/+|\/+$/g, '');
      if (!id) throw new Error('container name cannot be empty');
      await cli.client.containerRemove(id, { force, removeVolumes: opts.bool('volumes'), removeLinks: opts.bool('link') });
    }, { ignore: (e) => force && isNotFound(e) });
  },
};
