import { isNotFound } from '../../cli.ts';
import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';
import { inspectRefs } from '../inspect-util.ts';

const ALL_TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

/** docker inspect (system/inspect.go): containers first, then images. */
export const inspect: Command = {
  use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  flags: {
    format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP },
    size: { type: 'bool', short: 's', usage: 'Display total file sizes if the type is container' },
    type: { type: 'string', usage: 'Only inspect objects of the given type' },
  },
  args: minArgs(1),
  async run(cli, opts, refs) {
    const type = opts.str('type');
    if (opts.isSet('type') && type === '') throw new StatusError(`type is empty: must be one of "${ALL_TYPES.join('", "')}"`, 1);
    if (type && !ALL_TYPES.includes(type)) throw new StatusError(`unknown type: ${JSON.stringify(type)}: must be one of "${ALL_TYPES.join('", "')}"`, 1);
    await inspectRefs(cli, refs, opts.str('format'), async (ref) => {
      if (!type || type === 'container') {
        try { return await cli.client.containerInspect(ref, { size: opts.bool('size') }); } catch (e) { if (type || !isNotFound(e)) throw e; }
      }
      if (!type || type === 'image') {
        try {
          const img = await cli.client.imageInspect(ref);
          if (opts.bool('size')) await cli.err('WARNING: --size ignored for image\n');
          return img;
        } catch (e) { if (type || !isNotFound(e)) throw e; }
      }
      if (!type || type === 'network') {
        try { return await cli.client.networkInspect(ref); } catch (e) { if (type || !isNotFound(e)) throw e; }
      }
      throw new StatusError(`Error: No such object: ${ref}`, 1);
    });
  },
};
