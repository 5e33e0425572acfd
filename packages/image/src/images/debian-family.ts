// Debian bookworm and Ubuntu 24.04 (noble) root filesystems: merged /usr
// (/bin -> usr/bin), base-passwd's passwd and group, dash as /bin/sh, bash,
// GNU coreutils as separate binaries in /usr/bin, and dpkg/apt metadata.
// Sizes of libraries and data are declared so the images weigh what the real
// ones do.

import { RootfsBuilder } from '../build/rootfs.ts';
import { ARCH_NAMES, type Arch } from '../build/image.ts';
import { COREUTILS_PROGRAMS, extraApplets } from './applets.ts';

export interface DebianFlavour {
  distro: 'debian' | 'ubuntu';
  mtime: number;
  passwd: string;
  group: string;
  osRelease: string;
  issue: string;
  /** Extra files: /etc/debian_version, /etc/lsb-release... */
  extra: Record<string, string>;
  /** Logical size the layer must reach. */
  size: number;
  /** Programs beyond the base set (slim vs full are the same here). */
  coreutils?: readonly string[];
}

export const DEBIAN_BOOKWORM_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP_BASE = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;

export const DEBIAN_BOOKWORM_GROUP = DEBIAN_GROUP_BASE;

export const UBUNTU_NOBLE_PASSWD = DEBIAN_BOOKWORM_PASSWD + 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n';
export const UBUNTU_NOBLE_GROUP = DEBIAN_GROUP_BASE.replace('adm:x:4:', 'adm:x:4:ubuntu')
  .replace('cdrom:x:24:', 'cdrom:x:24:ubuntu').replace('sudo:x:27:', 'sudo:x:27:ubuntu')
  .replace('audio:x:29:', 'audio:x:29:ubuntu').replace('dip:x:30:', 'dip:x:30:ubuntu')
  .replace('video:x:44:', 'video:x:44:ubuntu').replace('plugdev:x:46:', 'plugdev:x:46:ubuntu')
  .replace('users:x:100:', 'users:x:100:ubuntu')
  + 'ubuntu:x:1000:\n';

const BASH_BASHRC = `# System-wide .bashrc file for interactive bash(1) shells.

# To enable the settings / commands in this file for login shells as well,
# this file has to be sourced in /etc/profile.

# If not running interactively, don't do anything
[ -z "$PS1" ] && return

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

# set a fancy prompt (non-color, overwrite the one in /etc/profile)
PS1='\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
`;

const DEBIAN_PROFILE = `# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH

if [ "\${PS1-}" ]; then
  if [ "\${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    # The file bash.bashrc already sets the default PS1.
    # PS1='\\h:\\w\\$ '
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  else
    if [ "$(id -u)" -eq 0 ]; then
      PS1='# '
    else
      PS1='$ '
    fi
  fi
fi

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
`;

const ROOT_PROFILE = `# ~/.profile: executed by Bourne-compatible login shells.

if [ "$BASH" ]; then
  if [ -f ~/.bashrc ]; then
    . ~/.bashrc
  fi
fi

mesg n 2> /dev/null || true
`;

const ROOT_BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.

# Note: PS1 is set in /etc/profile, and the default umask is defined
# in /etc/login.defs. You should not need this unless you want different
# defaults for root.
# PS1='\${debian_chroot:+($debian_chroot)}\\h:\\w\\$ '
# umask 022
`;

function shadowOf(passwd: string, days: number): string {
  return passwd.trim().split('\n').map((l) => {
    const name = l.split(':')[0]!;
    return `${name}:${name === 'root' ? '*' : '*'}:${days}:0:99999:7:::`;
  }).join('\n') + '\n';
}

/** Tools the userland runs in its GNU flavour (coreutils' multi-call program dispatches by name). */
const GNU_TOOLS = new Set(['grep', 'sed', 'gzip', 'tar', 'find', 'xargs', 'diff', 'cmp', 'hostname', 'more', 'mount',
  'umount', 'su', 'kill', 'ps', 'top', 'free', 'pgrep', 'pkill', 'uptime', 'zcat', 'gunzip']);

/** A merged-/usr Debian-family root filesystem. */
export function debianFamilyRootfs(arch: Arch, f: DebianFlavour, implementedCoreutils?: readonly string[]): RootfsBuilder {
  const a = ARCH_NAMES[arch];
  const fs = new RootfsBuilder(f.mtime);
  fs.symlink('bin', 'usr/bin').symlink('sbin', 'usr/sbin').symlink('lib', 'usr/lib');
  if (arch === 'amd64') fs.symlink('lib64', 'usr/lib64');
  fs.dirs('boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc');
  fs.dir('root', 0o700);
  fs.dirs('run', 'run/lock', 'srv', 'sys');
  fs.dir('tmp', 0o1777);
  fs.dirs('usr/bin', 'usr/games', 'usr/include', 'usr/lib', 'usr/libexec', 'usr/local/bin', 'usr/local/etc',
    'usr/local/games', 'usr/local/include', 'usr/local/lib', 'usr/local/man', 'usr/local/sbin', 'usr/local/share',
    'usr/local/src', 'usr/sbin', 'usr/share', 'usr/src');
  fs.dirs('var/backups', 'var/cache', 'var/lib', 'var/local', 'var/log', 'var/opt', 'var/spool');
  fs.dir('var/local', 0o2775, { gid: 50 }).dir('var/mail', 0o2775, { gid: 8 }).dir('var/tmp', 0o1777);
  fs.symlink('var/lock', '/run/lock').symlink('var/run', '/run');
  if (f.distro === 'ubuntu') fs.dir('home/ubuntu', 0o750, { uid: 1000, gid: 1000 });

  // shells and core programs
  fs.exe('usr/bin/bash', 'bash', 1_446_024);
  fs.symlink('usr/bin/rbash', 'bash');
  fs.exe('usr/bin/dash', 'dash', 125_688);
  fs.symlink('usr/bin/sh', 'dash');
  const programs = new Set([...COREUTILS_PROGRAMS, ...extraApplets(COREUTILS_PROGRAMS, implementedCoreutils)]);
  for (const p of [...programs].sort()) {
    const dir = p === 'chroot' ? 'usr/sbin' : 'usr/bin';
    fs.exe(`${dir}/${p}`, 'coreutils', p === 'ls' || p === 'cp' || p === 'mv' ? 138_208 : p === 'sort' ? 113_472 : 39_160);
  }
  const util: [string, string, number][] = [
    ['usr/bin/grep', 'grep', 190_952], ['usr/bin/sed', 'sed', 113_224], ['usr/bin/gzip', 'gzip', 93_288],
    ['usr/bin/tar', 'tar', 527_272], ['usr/bin/find', 'find', 224_848], ['usr/bin/xargs', 'xargs', 64_200],
    ['usr/bin/diff', 'diff', 166_568], ['usr/bin/cmp', 'cmp', 48_400], ['usr/bin/hostname', 'hostname', 22_760],
    ['usr/bin/more', 'more', 43_224], ['usr/bin/mount', 'mount', 47_488], ['usr/bin/findmnt', 'findmnt', 68_496], ['usr/bin/umount', 'umount', 35_200],
    ['usr/bin/login', 'login', 60_264], ['usr/bin/su', 'su', 55_680], ['usr/bin/kill', 'kill', 31_040],
    ['usr/bin/ps', 'ps', 154_568], ['usr/bin/top', 'top', 130_560], ['usr/bin/free', 'free', 31_040],
    ['usr/bin/pgrep', 'pgrep', 35_144], ['usr/bin/pkill', 'pkill', 35_144], ['usr/bin/uptime', 'uptime', 14_640],
    ['usr/bin/watch', 'watch', 31_120], ['usr/bin/which.debianutils', 'which', 1_074], ['usr/bin/getent', 'getent', 35_648],
    ['usr/bin/mawk', 'awk', 162_160], ['usr/bin/apt', 'apt', 18_824], ['usr/bin/apt-get', 'apt-get', 51_584],
    ['usr/bin/dpkg', 'dpkg', 313_448], ['usr/bin/perl', 'perl', 3_945_512], ['usr/bin/zcat', 'zcat', 1_984],
    ['usr/bin/gunzip', 'gunzip', 2_346], ['usr/bin/touch', 'coreutils', 97_152],
    ['usr/sbin/useradd', 'useradd', 151_624], ['usr/sbin/groupadd', 'groupadd', 84_632],
    ['usr/sbin/userdel', 'userdel', 96_216], ['usr/sbin/nologin', 'nologin', 14_728],
    ['usr/sbin/ldconfig', 'ldconfig', 1_018_072], ['usr/bin/ldd', 'ldd', 5_448],
  ];
  // procps is in Ubuntu's image (priority important) but not in Debian's minimal one
  const procps = new Set(['ps', 'top', 'free', 'pgrep', 'pkill', 'uptime', 'watch', 'kill']);
  for (const [path, prog, size] of util) {
    if (f.distro !== 'ubuntu' && procps.has(prog)) continue;
    // GNU and util-linux/procps tools print their own texts, not busybox's
    fs.exe(path, GNU_TOOLS.has(prog) ? 'coreutils' : prog, size);
  }
  fs.symlink('usr/bin/which', '/etc/alternatives/which').symlink('etc/alternatives/which', '/usr/bin/which.debianutils');
  fs.symlink('usr/bin/awk', '/etc/alternatives/awk').symlink('etc/alternatives/awk', '/usr/bin/mawk');
  fs.symlink('usr/bin/pager', '/etc/alternatives/pager').symlink('etc/alternatives/pager', '/usr/bin/more');
  fs.file('usr/bin/egrep', '#!/bin/sh\ncmd=${0##*/}\necho "$cmd: warning: $cmd is obsolescent; using grep -E" >&2\nexec grep -E "$@"\n', 0o755);
  fs.file('usr/bin/fgrep', '#!/bin/sh\ncmd=${0##*/}\necho "$cmd: warning: $cmd is obsolescent; using grep -F" >&2\nexec grep -F "$@"\n', 0o755);

  // the dynamic loader and C library
  const libdir = `usr/lib/${a.triplet}`;
  fs.blob(`${libdir}/libc.so.6`, 2_125_328, 0o755);
  fs.blob(`${libdir}/libm.so.6`, 952_616);
  fs.blob(`${libdir}/libstdc++.so.6.0.33`, 2_592_552).symlink(`${libdir}/libstdc++.so.6`, 'libstdc++.so.6.0.33');
  fs.blob(`${libdir}/libsystemd.so.0.38.0`, 1_000_000).symlink(`${libdir}/libsystemd.so.0`, 'libsystemd.so.0.38.0');
  fs.blob(`${libdir}/libapt-pkg.so.6.0.0`, 2_139_232);
  if (arch === 'amd64') {
    fs.exe(`${libdir}/ld-linux-x86-64.so.2`, 'ld-linux', 236_616);
    fs.symlink('usr/lib64/ld-linux-x86-64.so.2', `../lib/${a.triplet}/ld-linux-x86-64.so.2`);
  } else {
    fs.exe(`${libdir}/ld-linux-aarch64.so.1`, 'ld-linux', 202_824);
    fs.symlink('usr/lib/ld-linux-aarch64.so.1', `${a.triplet}/ld-linux-aarch64.so.1`);
  }

  // /etc
  fs.file('usr/lib/os-release', f.osRelease);
  fs.symlink('etc/os-release', '../usr/lib/os-release');
  fs.file('etc/issue', f.issue);
  fs.file('etc/issue.net', f.issue.replace(/ \\n \\l\n\n$/, '\n'));
  for (const [path, content] of Object.entries(f.extra)) fs.file(path, content);
  fs.file('etc/passwd', f.passwd);
  fs.file('etc/group', f.group);
  fs.file('etc/shadow', shadowOf(f.passwd, f.distro === 'ubuntu' ? 20_312 : 20_376), 0o640, { gid: 42 });
  fs.file('etc/gshadow', f.group.trim().split('\n').map((l) => {
    const [name, , , members] = l.split(':');
    return `${name}:*::${members ?? ''}`;
  }).join('\n') + '\n', 0o640, { gid: 42 });
  fs.file('etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n');
  fs.file('etc/profile', DEBIAN_PROFILE);
  fs.file('etc/bash.bashrc', BASH_BASHRC);
  fs.file('etc/skel/.profile', ROOT_PROFILE).file('etc/skel/.bashrc', ROOT_BASHRC).file('etc/skel/.bash_logout', '# ~/.bash_logout: executed by bash(1) when login shell exits.\n');
  fs.file('root/.profile', ROOT_PROFILE).file('root/.bashrc', ROOT_BASHRC);
  fs.file('etc/hostname', `${f.distro === 'ubuntu' ? 'ubuntu' : 'localhost'}\n`);
  fs.file('etc/host.conf', 'multi on\n');
  fs.file('etc/nsswitch.conf', '# /etc/nsswitch.conf\n\npasswd:         files\ngroup:          files\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n');
  fs.file('etc/login.defs', 'MAIL_DIR        /var/mail\nUMASK           022\nPASS_MAX_DAYS   99999\nPASS_MIN_DAYS   0\nPASS_WARN_AGE   7\nUID_MIN                  1000\nUID_MAX                 60000\nGID_MIN                  1000\nGID_MAX                 60000\nENCRYPT_METHOD YESCRYPT\n');
  fs.file('etc/environment', f.distro === 'ubuntu' ? 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin"\n' : '');
  fs.file('etc/debconf.conf', '# debconf configuration\n');
  fs.file('etc/apt/sources.list.d/' + (f.distro === 'ubuntu' ? 'ubuntu.sources' : 'debian.sources'), f.distro === 'ubuntu'
    ? `Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates noble-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n`
    : `Types: deb\n# http://snapshot.debian.org/archive/debian/20251020T000000Z\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\n# http://snapshot.debian.org/archive/debian-security/20251020T000000Z\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`);
  fs.dirs('etc/apt/apt.conf.d', 'etc/apt/preferences.d', 'etc/apt/trusted.gpg.d', 'etc/alternatives', 'etc/cron.daily',
    'etc/default', 'etc/init.d', 'etc/ld.so.conf.d', 'etc/profile.d', 'etc/security', 'etc/systemd', 'etc/update-motd.d');
  fs.file('etc/apt/apt.conf.d/docker-clean', '# Since for most Docker users, package installs happen in "docker build" steps,\n# they essentially become individual layers due to the way Docker handles\n# layering, especially using CoW filesystems.\nDPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nAPT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n');
  fs.file('etc/ld.so.conf', 'include /etc/ld.so.conf.d/*.conf\n\n');
  fs.file(`etc/ld.so.conf.d/${a.triplet}.conf`, `# Multiarch support\n/usr/local/lib/${a.triplet}\n/lib/${a.triplet}\n/usr/lib/${a.triplet}\n`);
  fs.blob('etc/ld.so.cache', 9_442);
  fs.dirs('var/lib/apt/lists/partial', 'var/cache/apt/archives/partial', 'var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/log/apt');
  fs.blob('var/lib/dpkg/status', f.distro === 'ubuntu' ? 101_417 : 78_964);
  fs.file('var/lib/dpkg/arch', `${a.deb}\n`);
  fs.dirs('usr/share/doc', 'usr/share/man', 'usr/share/zoneinfo', 'usr/share/perl5', 'usr/share/keyrings');
  fs.padTo('usr/bin/perl', f.size);
  return fs;
}
