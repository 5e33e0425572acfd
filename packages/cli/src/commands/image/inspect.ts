import { minArgs, type Command } from '../../cobra/command.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';
import { inspectRefs } from '../inspect-util.ts';

/** docker image inspect (image/inspect.go) */
export const imageInspect: Command = {
  use: 'inspect [OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  flags: {
    format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP },
    platform: { type: 'string', usage: "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)", annotations: { version: '1.49' } },
  },
  args: minArgs(1),
  async run(cli, opts, refs) {
    await inspectRefs(cli, refs, opts.str('format'), (ref) => cli.client.imageInspect(ref));
  },
};
