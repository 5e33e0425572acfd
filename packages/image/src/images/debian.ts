// debian:bookworm (12.12), as debuerreotype builds it: one layer, Cmd ["bash"].

import { ARCH_NAMES, buildImage, epochSeconds, PLATFORMS, type Arch, type BuiltImage } from '../build/image.ts';
import { buildLayer, type Layer } from '../layer/layer.ts';
import { DEBIAN_BOOKWORM_GROUP, DEBIAN_BOOKWORM_PASSWD, debianFamilyRootfs } from './debian-family.ts';

export const DEBIAN_VERSION = '12.12';
export const DEBIAN_CREATED = '2025-10-20T00:00:00Z';
const SNAPSHOT_EPOCH = 1760918400; // 2025-10-20T00:00:00Z, debuerreotype's @timestamp
const SIZE: Record<Arch, number> = { amd64: 116_516_932, arm64: 114_214_208 };
const SLIM_SIZE: Record<Arch, number> = { amd64: 74_787_488, arm64: 97_160_148 };

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const cache = new Map<string, Layer>();

/** The single layer of debian:bookworm or debian:bookworm-slim. */
export function debianLayer(arch: Arch, slim: boolean, coreutils?: readonly string[]): Layer {
  const key = `${arch}:${slim}`;
  let layer = cache.get(key);
  if (!layer) {
    const fs = debianFamilyRootfs(arch, {
      distro: 'debian', mtime: epochSeconds(DEBIAN_CREATED), passwd: DEBIAN_BOOKWORM_PASSWD,
      group: DEBIAN_BOOKWORM_GROUP, osRelease: OS_RELEASE,
      issue: 'Debian GNU/Linux 12 \\n \\l\n\n',
      extra: { 'etc/debian_version': `${DEBIAN_VERSION}\n` },
      size: (slim ? SLIM_SIZE : SIZE)[arch],
    }, coreutils);
    layer = buildLayer(fs.entries());
    cache.set(key, layer);
  }
  return layer;
}

export function buildDebian(arch: Arch, slim = false, coreutils?: readonly string[]): BuiltImage {
  const deb = ARCH_NAMES[arch].deb;
  return buildImage({
    platform: PLATFORMS[arch],
    created: DEBIAN_CREATED,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['bash'] },
    steps: [{
      createdBy: `# debian.sh --arch '${deb}' out/ 'bookworm' '@${SNAPSHOT_EPOCH}'`,
      comment: 'debuerreotype 0.16',
      layer: debianLayer(arch, slim, coreutils),
    }],
  });
}
