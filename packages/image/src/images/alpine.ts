// alpine:3.22 — the Alpine minirootfs (alpine-baselayout, alpine-keys,
// apk-tools, busybox, musl, libc-utils, openssl libs, zlib) added by
// docker-alpine's Dockerfile: `FROM scratch`, `ADD alpine-minirootfs-*.tar.gz /`,
// `CMD ["/bin/sh"]`. File contents are the packages' own where programs or
// learners read them (passwd, group, os-release, profile, apk config).

import { RootfsBuilder } from '../build/rootfs.ts';
import { ARCH_NAMES, buildImage, epochSeconds, PLATFORMS, type Arch, type BuiltImage } from '../build/image.ts';
import { ALPINE_BUSYBOX_LAYOUT, extraApplets } from './applets.ts';
import { buildLayer, type Layer } from '../layer/layer.ts';

export const ALPINE_VERSION = '3.22.2';
export const ALPINE_BRANCH = '3.22';
export const ALPINE_CREATED = '2025-10-08T11:04:56Z';
/** Uncompressed size of the amd64 image as `docker images` reports it (8.31MB). */
const ALPINE_SIZE: Record<Arch, number> = { amd64: 8_311_593, arm64: 8_602_712 };

export const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

export const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

const PROFILE = `# Append "$1" to $PATH when not already in.
# Copied from Arch Linux, see #12803 for details.
append_path () {
\tcase ":$PATH:" in
\t\t*:"$1":*)
\t\t\t;;
\t\t*)
\t\t\tPATH="\${PATH:+$PATH:}$1"
\t\t\t;;
\tesac
}

append_path "/usr/local/sbin"
append_path "/usr/local/bin"
append_path "/usr/sbin"
append_path "/usr/bin"
append_path "/sbin"
append_path "/bin"
unset -f append_path

export PATH
export PAGER=less
umask 022

# set up fallback default PS1
: "\${HOSTNAME:=$(hostname)}"
PS1='\${HOSTNAME%%.*}:$PWD'
[ "$(id -u)" = "0" ] && PS1="\${PS1}# "
[ "$(id -u)" = "0" ] || PS1="\${PS1}\\$ "

# use nicer PS1 for bash and busybox ash
[ -n "$BASH_VERSION" -o "$BB_ASH_VERSION" ] && PS1='\\h:\\w\\$ '

# use nicer PS1 for zsh
[ -n "$ZSH_VERSION" ] && PS1='%m:%~%# '

# export PS1 as before
export PS1

for script in /etc/profile.d/*.sh ; do
\tif [ -r "$script" ] ; then
\t\t. "$script"
\tfi
done
unset script
`;

function shadowOf(passwd: string): string {
  return passwd.trim().split('\n').map((l) => {
    const name = l.split(':')[0]!;
    return name === 'root' ? 'root:*::0:::::' : `${name}:!::0:::::`;
  }).join('\n') + '\n';
}

/** The alpine minirootfs as one layer's entries. */
export function alpineRootfs(arch: Arch, implementedApplets?: readonly string[]): RootfsBuilder {
  const a = ARCH_NAMES[arch];
  const fs = new RootfsBuilder(epochSeconds(ALPINE_CREATED));
  fs.dirs('bin', 'dev', 'etc', 'home', 'lib', 'media/cdrom', 'media/floppy', 'media/usb', 'mnt', 'opt', 'proc');
  fs.dir('root', 0o700);
  fs.dirs('run', 'sbin', 'srv', 'sys');
  fs.dir('tmp', 0o1777);
  fs.dirs('usr/bin', 'usr/lib', 'usr/local/bin', 'usr/local/lib', 'usr/local/share', 'usr/sbin', 'usr/share');
  fs.dirs('var/cache', 'var/empty', 'var/lib', 'var/local', 'var/log', 'var/mail', 'var/opt', 'var/spool');
  fs.symlink('var/lock', '../run/lock').symlink('var/run', '../run').dir('var/tmp', 0o1777);
  fs.dir('var/spool/cron').symlink('var/spool/cron/crontabs', '/etc/crontabs');

  // busybox and its applet links
  fs.exe('bin/busybox', 'busybox', 808_712);
  const known: string[] = [];
  for (const [dir, applets] of Object.entries(ALPINE_BUSYBOX_LAYOUT)) {
    for (const applet of applets) {
      fs.symlink(`${dir}/${applet}`, '/bin/busybox');
      known.push(applet);
    }
  }
  for (const applet of extraApplets(known, implementedApplets)) fs.symlink(`bin/${applet}`, '/bin/busybox');

  // musl, libc-utils, apk-tools, openssl, zlib
  fs.exe(`lib/${a.musl}`, 'ld-musl', 659_584);
  fs.symlink(`lib/libc.musl-${a.uname}.so.1`, a.musl);
  fs.blob('lib/libapk.so.2.14.0', 231_768, 0o755);
  fs.blob('lib/libcrypto.so.3', 4_731_448, 0o755);
  fs.blob('lib/libssl.so.3', 692_928, 0o755);
  fs.blob('lib/libz.so.1.3.1', 100_264, 0o755).symlink('lib/libz.so.1', 'libz.so.1.3.1');
  fs.exe('sbin/apk', 'apk', 67_960);
  fs.file('sbin/ldconfig', '#!/bin/sh\nscanelf -qS "$@" >/dev/null 2>&1\nexit 0\n', 0o755);
  fs.exe('sbin/mkmntdirs', 'mkmntdirs', 13_992);
  fs.exe('usr/bin/getconf', 'getconf', 38_776);
  fs.exe('usr/bin/getent', 'getent', 48_248);
  fs.exe('usr/bin/iconv', 'iconv', 22_456);
  fs.exe('usr/bin/ldd', 'ldd', 22_440); // musl's ldd is a script in real alpine; an ELF works the same here
  fs.exe('usr/bin/scanelf', 'scanelf', 83_328);
  fs.exe('usr/bin/ssl_client', 'ssl_client', 14_232);
  fs.symlink('usr/lib/libcrypto.so.3', '../../lib/libcrypto.so.3');
  fs.symlink('usr/lib/libssl.so.3', '../../lib/libssl.so.3');
  fs.dirs('usr/lib/engines-3', 'usr/lib/ossl-modules', 'lib/firmware', 'lib/mdev', 'lib/modules-load.d');
  fs.file('lib/sysctl.d/00-alpine.conf', 'net.ipv4.tcp_syncookies = 1\nkernel.panic = 120\n');

  // /etc
  fs.file('etc/alpine-release', `${ALPINE_VERSION}\n`);
  fs.file('usr/lib/os-release', `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${ALPINE_VERSION}
PRETTY_NAME="Alpine Linux v${ALPINE_BRANCH}"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`);
  fs.symlink('etc/os-release', '../usr/lib/os-release');
  fs.file('etc/issue', `Welcome to Alpine Linux ${ALPINE_BRANCH}\nKernel \\r on \\m (\\l)\n\n`);
  fs.file('etc/motd', `Welcome to Alpine!

The Alpine Wiki contains a large amount of how-to guides and general
information about administrating Alpine systems.
See <https://wiki.alpinelinux.org/>.

You can setup the system with the command: setup-alpine

You may change this message by editing /etc/motd.

`);
  fs.file('etc/passwd', ALPINE_PASSWD);
  fs.file('etc/group', ALPINE_GROUP);
  fs.file('etc/shadow', shadowOf(ALPINE_PASSWD), 0o640, { gid: 42 });
  fs.file('etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n');
  fs.file('etc/profile', PROFILE);
  fs.file('etc/profile.d/20locale.sh', 'export CHARSET=${CHARSET:-UTF-8}\nexport LANG=${LANG:-C.UTF-8}\nexport LC_COLLATE=${LC_COLLATE:-C}\n');
  fs.file('etc/profile.d/README', 'This directory should contain shell scripts configuring system-wide\nenvironment on users\' shells.\n\nFiles with the .sh extension found in this directory will be evaluated\nby Bourne-compatible shells (like ash, bash or zsh) when started as a\nlogin shell.\n');
  fs.file('etc/hostname', 'localhost\n');
  fs.file('etc/hosts', '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n');
  fs.file('etc/fstab', '/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n');
  fs.file('etc/inittab', '# /etc/inittab\n\n::sysinit:/sbin/openrc sysinit\n::sysinit:/sbin/openrc boot\n::wait:/sbin/openrc default\n\n::ctrlaltdel:/sbin/reboot\n::shutdown:/sbin/openrc shutdown\n');
  fs.file('etc/nsswitch.conf', '# musl itself does not support NSS, however some third-party DNS\n# implementations use the nsswitch.conf file to determine what\n# policy to follow.\n# Editing this file is not recommended.\nhosts: files dns\n');
  fs.file('etc/protocols', 'ip\t0\tIP\nicmp\t1\tICMP\ntcp\t6\tTCP\nudp\t17\tUDP\nipv6\t41\tIPv6\nipv6-icmp\t58\tIPv6-ICMP\n');
  fs.file('etc/services', 'ftp\t\t21/tcp\nssh\t\t22/tcp\ntelnet\t\t23/tcp\nsmtp\t\t25/tcp\ndomain\t\t53/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\t\twww\nntp\t\t123/udp\nhttps\t\t443/tcp\nredis\t\t6379/tcp\npostgresql\t5432/tcp\nmysql\t\t3306/tcp\n');
  fs.file('etc/modules', 'af_packet\nipv6\n');
  fs.file('etc/sysctl.conf', '# content of this file will override /etc/sysctl.d/*\n');
  fs.file('etc/securetty', 'console\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\n');
  fs.file('etc/crontabs/root', '# do daily/weekly/monthly maintenance\n# min\thour\tday\tmonth\tweekday\tcommand\n*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n', 0o600);
  fs.symlink('etc/mtab', '../proc/mounts');
  fs.dirs('etc/conf.d', 'etc/init.d', 'etc/logrotate.d', 'etc/modprobe.d', 'etc/modules-load.d', 'etc/network/if-down.d',
    'etc/network/if-post-down.d', 'etc/network/if-pre-up.d', 'etc/network/if-up.d', 'etc/opt', 'etc/periodic/15min',
    'etc/periodic/daily', 'etc/periodic/hourly', 'etc/periodic/monthly', 'etc/periodic/weekly', 'etc/sysctl.d',
    'etc/ssl/certs', 'etc/ssl/private', 'etc/ssl/misc', 'etc/apk/keys', 'etc/apk/protected_paths.d');
  fs.file('etc/udhcpc/udhcpc.conf', '# udhcpc configuration\n#RESOLV_CONF="no"\n');
  fs.file('etc/secfixes.d/alpine', 'secfixes:\n');
  fs.file('etc/busybox-paths.d/busybox', Object.entries(ALPINE_BUSYBOX_LAYOUT)
    .flatMap(([dir, apps]) => apps.map((x) => `${dir}/${x}`)).sort().join('\n') + '\n');
  fs.file('etc/ssl/openssl.cnf', 'openssl_conf = openssl_init\n\n[openssl_init]\nproviders = provider_sect\n\n[provider_sect]\ndefault = default_sect\n\n[default_sect]\nactivate = 1\n');
  fs.blob('etc/ssl/cert.pem', 219_342);
  fs.symlink('etc/ssl/certs/ca-certificates.crt', '/etc/ssl/cert.pem');
  fs.file('etc/apk/arch', `${a.uname}\n`);
  fs.file('etc/apk/repositories', `https://dl-cdn.alpinelinux.org/alpine/v${ALPINE_BRANCH}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${ALPINE_BRANCH}/community\n`);
  fs.file('etc/apk/world', 'alpine-baselayout\nalpine-keys\nalpine-release\napk-tools\nbusybox\nlibc-utils\n');
  for (const key of ['alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub', 'alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub',
    'alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub']) fs.blob(`etc/apk/keys/${key}`, 451);
  fs.file('etc/apk/protected_paths.d/alpine-baselayout.list', '+etc\n@etc/init.d\n!etc/network/if-down.d\n!etc/network/if-post-down.d\n!etc/network/if-pre-up.d\n!etc/network/if-up.d\n');
  fs.file('lib/apk/db/installed', ['alpine-baselayout-data', 'alpine-baselayout', 'alpine-keys', 'alpine-release',
    'apk-tools', 'busybox', 'busybox-binsh', 'ca-certificates-bundle', 'libapk2', 'libcrypto3', 'libssl3',
    'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib'].map((p) => `P:${p}\nA:${a.uname}\n`).join('\n'));
  fs.file('lib/apk/db/lock', '', 0o600);
  fs.file('lib/apk/db/triggers', '');
  fs.blob('lib/apk/db/scripts.tar', 10_240);
  fs.dirs('lib/apk/exec', 'usr/share/apk/keys', 'usr/share/man', 'usr/share/misc', 'usr/share/udhcpc');
  // The rest of the packages' files are approximated by the size of libcrypto.
  fs.padTo('lib/libcrypto.so.3', ALPINE_SIZE[arch]);
  return fs;
}

const layerCache = new Map<string, Layer>();

/** The alpine base layer for an architecture (built once, shared by alpine, nginx:alpine, ...). */
export function alpineBaseLayer(arch: Arch, implementedApplets?: readonly string[]): Layer {
  const key = `${arch}:${(implementedApplets ?? []).join(',')}`;
  let layer = layerCache.get(key);
  if (!layer) {
    layer = buildLayer(alpineRootfs(arch, implementedApplets).entries());
    layerCache.set(key, layer);
  }
  return layer;
}

export function buildAlpine(arch: Arch, implementedApplets?: readonly string[]): BuiltImage {
  return buildImage({
    platform: PLATFORMS[arch],
    created: ALPINE_CREATED,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
    steps: [
      {
        createdBy: `ADD alpine-minirootfs-${ALPINE_VERSION}-${ARCH_NAMES[arch].uname}.tar.gz / # buildkit`,
        comment: 'buildkit.dockerfile.v0',
        layer: alpineBaseLayer(arch, implementedApplets),
      },
      { createdBy: 'CMD ["/bin/sh"]', comment: 'buildkit.dockerfile.v0' },
    ],
  });
}
