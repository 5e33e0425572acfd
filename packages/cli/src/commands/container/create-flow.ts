// createContainer (container/create.go): create, and when the image is
// missing, "Unable to find image 'x:latest' locally", pull to stderr, retry.

import type { ContainerCreateBody } from '@dockersim/engine-api';
import { isNotFound, type Cli } from '../../cli.ts';
import { displayJSONMessages } from '../../format/jsonmessage.ts';
import { familiarString, parseNormalizedNamed, withDefaultTag } from '../../format/reference.ts';
import { pullStream } from '../image/pull.ts';

export interface CreateOptions { name: string; pull: string; quiet: boolean; platform: string }

export class PullOptError extends Error {}

/** validatePullOpt */
export function validatePull(v: string): void {
  if (!['always', 'missing', 'never', ''].includes(v)) {
    throw new PullOptError(`invalid pull option: '${v}': must be one of "always", "missing" or "never"`);
  }
}

export async function createContainer(cli: Cli, body: ContainerCreateBody, o: CreateOptions): Promise<string> {
  const ref = parseNormalizedNamed(body.Image ?? '');
  const named = ref ? withDefaultTag(ref) : undefined;
  const pullImage = async () => {
    if (!named) return;
    const stream = await pullStream(cli, named, o.platform);
    await displayJSONMessages(stream, o.quiet ? async () => {} : (s) => cli.err(s));
  };
  if (o.pull === 'always') await pullImage();
  const size = cli.io.isatty(1) ? cli.io.winsize(1) : undefined;
  if (body.HostConfig) body.HostConfig.ConsoleSize = size ? [size.rows, size.cols] : [0, 0];
  let res;
  try {
    res = await cli.client.containerCreate(body, o.name || undefined, o.platform || undefined);
  } catch (e) {
    if (isNotFound(e) && named && o.pull === 'missing') {
      if (!o.quiet) await cli.err(`Unable to find image '${familiarString(named)}' locally\n`);
      await pullImage();
      res = await cli.client.containerCreate(body, o.name || undefined, o.platform || undefined);
    } else throw e;
  }
  for (const w of res.Warnings ?? []) await cli.err(`WARNING: ${w}\n`);
  if (body.HostConfig?.ContainerIDFile && cli.io.writeFile) await cli.io.writeFile(body.HostConfig.ContainerIDFile, res.Id);
  return res.Id;
}
