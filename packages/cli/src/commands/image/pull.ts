import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Cli } from '../../cli.ts';
import { displayJSONMessages, JSONMessageError } from '../../format/jsonmessage.ts';
import { familiarString, parseNormalizedNamed, referenceString, withDefaultTag, type Reference } from '../../format/reference.ts';

/** ImageCreate as the Go client sends it: fromImage is the full name, tag the tag or digest. */
export async function pullStream(cli: Cli, ref: Reference, platform?: string) {
  return cli.client.imagePull(`${ref.domain}/${ref.path}`, ref.digest ?? ref.tag ?? 'latest', { platform: platform || undefined });
}

/** docker pull (image/pull.go) */
export const pull: Command = {
  use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  aliasesText: 'docker image pull, docker pull',
  categoryTop: 5,
  flags: {
    'all-tags': { type: 'bool', short: 'a', usage: 'Download all tagged images in the repository' },
    'disable-content-trust': { type: 'bool', usage: 'Skip image verification', defValue: 'true', default: true },
    platform: { type: 'string', usage: 'Set platform if server is multi-platform capable' },
    quiet: { type: 'bool', short: 'q', usage: 'Suppress verbose output' },
  },
  args: exactArgs(1),
  async run(cli, opts, [remote]) {
    let ref = parseNormalizedNamed(remote);
    if (!ref) throw new StatusError(`invalid reference format${/[A-Z]/.test(remote) ? ': repository name (library/' + remote + ') must be lowercase' : ''}`, 1);
    const quiet = opts.bool('quiet');
    const all = opts.bool('all-tags');
    if (all && (ref.tag !== undefined || ref.digest)) throw new StatusError("tag can't be used with --all-tags/-a", 1);
    if (!all && ref.tag === undefined && !ref.digest) {
      ref = withDefaultTag(ref);
      if (!quiet) await cli.out(`Using default tag: ${ref.tag}\n`);
    }
    try {
      const stream = await pullStream(cli, ref, opts.str('platform'));
      await displayJSONMessages(stream, quiet ? async () => {} : (s) => cli.out(s));
    } catch (e) {
      if (e instanceof JSONMessageError) throw new StatusError(e.message, 1);
      throw new StatusError(cli.errorText(e), 1);
    }
    await cli.out(referenceString(ref) + '\n');
    void familiarString;
  },
};
