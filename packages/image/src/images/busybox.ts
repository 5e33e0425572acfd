// busybox:latest (1.37.0, glibc variant): /bin/busybox with every applet as a
// hard link beside it in /bin (the image is built with `busybox --install`),
// buildroot's skeleton /etc, Cmd ["sh"].

import { RootfsBuilder } from '../build/rootfs.ts';
import { buildImage, epochSeconds, PLATFORMS, type Arch, type BuiltImage } from '../build/image.ts';
import { BUSYBOX_IMAGE_APPLETS, extraApplets } from './applets.ts';

export const BUSYBOX_CREATED = '2024-09-26T21:31:42Z';
const SIZE: Record<Arch, number> = { amd64: 4_277_910, arm64: 4_042_169 };

export const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

export const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;

export function busyboxRootfs(arch: Arch, implementedApplets?: readonly string[]): RootfsBuilder {
  const fs = new RootfsBuilder(epochSeconds(BUSYBOX_CREATED));
  fs.dirs('bin', 'dev', 'etc', 'home', 'lib', 'lib64');
  fs.dir('root', 0o700).dir('tmp', 0o1777).dirs('usr/sbin', 'var/spool/mail', 'var/www');
  fs.exe('bin/busybox', 'busybox', 1_131_624);
  const applets = [...BUSYBOX_IMAGE_APPLETS, ...extraApplets(BUSYBOX_IMAGE_APPLETS, implementedApplets)];
  for (const a of applets) fs.hardlink(`bin/${a}`, 'bin/busybox');
  fs.file('etc/passwd', BUSYBOX_PASSWD).file('etc/group', BUSYBOX_GROUP);
  fs.file('etc/shadow', BUSYBOX_PASSWD.trim().split('\n').map((l) => `${l.split(':')[0]}:*:10933:0:99999:7:::`).join('\n') + '\n', 0o600);
  fs.file('etc/localtime', 'TZif2\n'); // UTC
  fs.file('etc/network/if-up.d/.keep', '');
  fs.blob(arch === 'amd64' ? 'lib/x86_64-linux-gnu/libc.so.6' : 'lib/aarch64-linux-gnu/libc.so.6', 2_000_000, 0o755);
  fs.blob('lib/libresolv.so.2', 68_104, 0o755);
  fs.padTo(arch === 'amd64' ? 'lib/x86_64-linux-gnu/libc.so.6' : 'lib/aarch64-linux-gnu/libc.so.6', SIZE[arch]);
  return fs;
}

export function buildBusybox(arch: Arch, implementedApplets?: readonly string[]): BuiltImage {
  return buildImage({
    platform: PLATFORMS[arch],
    created: BUSYBOX_CREATED,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    steps: [
      { createdBy: 'BusyBox 1.37.0 (glibc), Debian 12', layer: busyboxRootfs(arch, implementedApplets).entries() },
      { createdBy: 'CMD ["sh"]', comment: 'buildkit.dockerfile.v0' },
    ],
  });
}
