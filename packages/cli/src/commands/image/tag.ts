import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import { parseNormalizedNamed, withDefaultTag } from '../../format/reference.ts';

/** docker tag (image/tag.go; the Go client validates the target). */
export const tag: Command = {
  use: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  aliasesText: 'docker image tag, docker tag',
  args: exactArgs(2),
  async run(cli, _opts, [source, target]) {
    const ref = parseNormalizedNamed(target);
    if (!ref) throw new StatusError(`Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: invalid reference format`, 1);
    if (ref.digest) throw new StatusError('refusing to create a tag with a digest reference', 1);
    const r = withDefaultTag(ref);
    try { await cli.client.imageTag(source, `${r.domain}/${r.path}`, r.tag); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
  },
};
