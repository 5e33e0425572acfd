// The shape most official images share: a base (debian:bookworm-slim or
// alpine), ENV lines, one RUN layer holding the program and its accounts,
// an entrypoint script, then the metadata instructions of the Dockerfile.

import { RootfsBuilder } from '../build/rootfs.ts';
import { buildImage, epochSeconds, PLATFORMS, type Arch, type BuildStep, type BuiltImage } from '../build/image.ts';
import type { ContainerConfig } from '../oci/types.ts';
import { buildAlpine } from './alpine.ts';
import { ALPINE_GROUP, ALPINE_PASSWD } from './alpine-shared.ts';
import { buildDebian } from './debian.ts';
import { DEBIAN_BOOKWORM_GROUP, DEBIAN_BOOKWORM_PASSWD } from './debian-family.ts';

export const BK = 'buildkit.dockerfile.v0';
export const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface OfficialSpec {
  arch: Arch;
  created: string;
  base: 'bookworm-slim' | 'alpine' | 'scratch';
  /** Config Env after PATH (or with it, when it starts with PATH=). */
  env: string[];
  config: Omit<ContainerConfig, 'Env'>;
  /** Accounts appended to the base's passwd and group files. */
  user?: { passwd: string; group: string };
  /** The RUN step: its command line and the files it leaves. */
  run: { createdBy: string; files: (fs: RootfsBuilder) => void };
  /** Files COPYed afterwards, one layer each: [path, content, mode]. */
  copies?: Array<[string, string, number]>;
  /** Dockerfile lines after the copies (EXPOSE, CMD, ...), metadata only. */
  tail: string[];
}

export function officialImage(s: OfficialSpec): BuiltImage {
  const mtime = epochSeconds(s.created);
  const run = new RootfsBuilder(mtime);
  if (s.user) {
    const alpine = s.base === 'alpine';
    run.file('etc/passwd', (alpine ? ALPINE_PASSWD : DEBIAN_BOOKWORM_PASSWD) + s.user.passwd);
    run.file('etc/group', (alpine ? ALPINE_GROUP : DEBIAN_BOOKWORM_GROUP) + s.user.group);
  }
  s.run.files(run);
  // ENV PATH=... replaces the inherited PATH where it stands: first
  const env = [[...s.env].reverse().find((e) => e.startsWith('PATH=')) ?? PATH_ENV, ...s.env.filter((e) => !e.startsWith('PATH='))];
  const steps: BuildStep[] = [
    ...s.env.map((e) => ({ createdBy: `ENV ${e}`, comment: BK })),
    { createdBy: `RUN /bin/sh -c ${s.run.createdBy} # buildkit`, comment: BK, layer: run.entries() },
    ...(s.copies ?? []).map(([path, content, mode]) => {
      const fs = new RootfsBuilder(mtime);
      fs.file(path, content, mode);
      return { createdBy: `COPY ${path.split('/').pop()} /${path.slice(0, path.lastIndexOf('/'))}/ # buildkit`, comment: BK, layer: fs.entries() };
    }),
    ...s.tail.map((t) => ({ createdBy: t, comment: BK })),
  ];
  return buildImage({
    platform: PLATFORMS[s.arch],
    created: s.created,
    base: s.base === 'alpine' ? buildAlpine(s.arch) : s.base === 'bookworm-slim' ? buildDebian(s.arch, true) : undefined,
    config: { Env: env, ...s.config },
    steps,
  });
}
