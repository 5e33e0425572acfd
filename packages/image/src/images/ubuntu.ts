// ubuntu:24.04 (noble), as Canonical's ubuntu-base OCI images are: one layer
// added by a classic-builder style history, Cmd ["/bin/bash"], the `ubuntu`
// user (uid 1000) that 23.04 and later ship.

import { buildImage, epochSeconds, PLATFORMS, type Arch, type BuiltImage } from '../build/image.ts';
import { buildLayer, type Layer } from '../layer/layer.ts';
import { debianFamilyRootfs, UBUNTU_NOBLE_GROUP, UBUNTU_NOBLE_PASSWD } from './debian-family.ts';

export const UBUNTU_CREATED = '2025-10-01T13:46:38.183537587Z';
const SIZE: Record<Arch, number> = { amd64: 78_118_692, arm64: 101_417_312 };

/** Ubuntu 24.04's /etc/os-release: the image's, and the simulated hosts' too. */
export const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const cache = new Map<Arch, Layer>();

export function ubuntuLayer(arch: Arch, coreutils?: readonly string[]): Layer {
  let layer = cache.get(arch);
  if (!layer) {
    layer = buildLayer(debianFamilyRootfs(arch, {
      distro: 'ubuntu', mtime: epochSeconds('2025-10-01T13:44:50Z'), passwd: UBUNTU_NOBLE_PASSWD,
      group: UBUNTU_NOBLE_GROUP, osRelease: UBUNTU_OS_RELEASE, issue: 'Ubuntu 24.04.3 LTS \\n \\l\n\n',
      extra: {
        'etc/debian_version': 'trixie/sid\n',
        'etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.3 LTS"\n',
        'etc/legal': '\nThe programs included with the Ubuntu system are free software;\nthe exact distribution terms for each program are described in the\nindividual files in /usr/share/doc/*/copyright.\n\nUbuntu comes with ABSOLUTELY NO WARRANTY, to the extent permitted by\napplicable law.\n\n',
      },
      size: SIZE[arch],
    }, coreutils).entries());
    cache.set(arch, layer);
  }
  return layer;
}

export function buildUbuntu(arch: Arch, coreutils?: readonly string[]): BuiltImage {
  const nop = (s: string) => `/bin/sh -c #(nop)  ${s}`;
  return buildImage({
    platform: PLATFORMS[arch],
    created: UBUNTU_CREATED,
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/bash'],
      Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
    },
    steps: [
      { createdBy: nop('ARG RELEASE'), created: '2025-10-01T13:46:35.487934014Z' },
      { createdBy: nop('ARG LAUNCHPAD_BUILD_ARCH'), created: '2025-10-01T13:46:35.526290934Z' },
      { createdBy: nop('LABEL org.opencontainers.image.ref.name=ubuntu'), created: '2025-10-01T13:46:35.566463483Z' },
      { createdBy: nop('LABEL org.opencontainers.image.version=24.04'), created: '2025-10-01T13:46:35.602904478Z' },
      {
        createdBy: '/bin/sh -c #(nop) ADD file:9303cc1f788d2a9a8e909b154339f7c637b2a53c75c0e7f3da62eb1fefe371b1 in / ',
        created: '2025-10-01T13:46:37.910049925Z',
        layer: ubuntuLayer(arch, coreutils),
      },
      { createdBy: nop('CMD ["/bin/bash"]'), created: UBUNTU_CREATED },
    ],
  });
}
