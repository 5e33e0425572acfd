// traefik/whoami:v1.11.0: one Go binary on scratch.

import type { Arch, BuiltImage } from '../build/image.ts';
import { buildImage, PLATFORMS } from '../build/image.ts';
import { RootfsBuilder } from '../build/rootfs.ts';
import { BK, PATH_ENV } from './official.ts';

const CREATED = '2025-03-31T12:47:28Z';

export function buildWhoami(arch: Arch): BuiltImage {
  const fs = new RootfsBuilder(1743425248);
  fs.exe('whoami', 'traefik-whoami', arch === 'amd64' ? 6_594_712 : 6_160_536);
  return buildImage({
    platform: PLATFORMS[arch], created: CREATED,
    config: { Env: [PATH_ENV], Entrypoint: ['/whoami'], ExposedPorts: { '80/tcp': {} }, WorkingDir: '/' },
    steps: [
      { createdBy: 'COPY /go/whoami/whoami . # buildkit', comment: BK, layer: fs.entries() },
      { createdBy: 'ENTRYPOINT ["/whoami"]', comment: BK },
      { createdBy: 'EXPOSE map[80/tcp:{}]', comment: BK },
    ],
  });
}
