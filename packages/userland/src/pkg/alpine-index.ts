// The Alpine 3.22 (x86_64) repositories as far as the simulated world can
// provide them: the packages whose programs userland has, their dependencies,
// names, versions and installed sizes as the v3.22 main and community
// APKINDEX list them (Oct 2025), in the order apk installs them (dependencies
// before the packages that need them). Files name the userland programs;
// libraries and data are sized files.

import type { PackageDef } from './package.ts';

export const ALPINE_BRANCH = 'v3.22';
export const ALPINE_MIRROR = 'https://dl-cdn.alpinelinux.org/alpine';
export const APK_TOOLS_VERSION = '2.14.9';
export const BUSYBOX_PKG = 'busybox-1.37.0-r19';
/** `apk update`'s repository descriptions (git describe of aports) and the index sizes. */
export const ALPINE_REPOS = [
  { name: 'main', describe: 'v3.22.2-45-g5cb6e5a5b1e', packages: 5618 },
  { name: 'community', describe: 'v3.22.2-46-g0fbbb4c7a8c', packages: 20617 },
];

/** What alpine:3.22's minirootfs has installed (lib/apk/db/installed). */
export const ALPINE_BASE: readonly PackageDef[] = [
  { name: 'alpine-baselayout-data', version: '3.7.0-r0', desc: 'Alpine base dir structure and init scripts', size: 18_432 },
  { name: 'alpine-baselayout', version: '3.7.0-r0', desc: 'Alpine base dir structure and init scripts', size: 6_656, deps: ['alpine-baselayout-data'] },
  { name: 'alpine-keys', version: '2.5-r0', desc: 'Public keys for Alpine Linux packages', size: 13_312 },
  { name: 'alpine-release', version: '3.22.2-r0', desc: 'Alpine release data', size: 4_096 },
  { name: 'musl', version: '1.2.5-r10', desc: 'the musl c library (libc) implementation', size: 659_584 },
  { name: 'busybox', version: '1.37.0-r19', desc: 'Size optimized toolbox of many common UNIX utilities', size: 817_152 },
  { name: 'busybox-binsh', version: '1.37.0-r19', desc: 'busybox ash /bin/sh', size: 1 },
  { name: 'ca-certificates-bundle', version: '20250619-r0', desc: 'Pre generated bundle of Mozilla certificates', size: 228_864 },
  { name: 'libcrypto3', version: '3.5.4-r0', desc: 'Crypto library from openssl', size: 4_740_096 },
  { name: 'libssl3', version: '3.5.4-r0', desc: 'SSL shared libraries', size: 798_720 },
  { name: 'zlib', version: '1.3.1-r2', desc: 'A compression/decompression Library', size: 100_352 },
  { name: 'libapk2', version: '2.14.9-r3', desc: 'Alpine Package Keeper - package manager for alpine (library)', size: 239_616 },
  { name: 'apk-tools', version: '2.14.9-r3', desc: 'Alpine Package Keeper - package manager for alpine', size: 69_632 },
  { name: 'scanelf', version: '1.3.8-r1', desc: 'Scan ELF binaries for stuff', size: 83_968 },
  { name: 'musl-utils', version: '1.2.5-r10', desc: 'the musl c library (libc) implementation', size: 129_024, provides: ['libc-utils'] },
  { name: 'ssl_client', version: '1.37.0-r19', desc: 'EXTERNAL ssl_client for busybox wget', size: 14_336 },
];

const lib = (name: string, version: string, desc: string, size: number, files: string[], deps?: string[]): PackageDef =>
  ({ name, version, desc, size, files, ...(deps ? { deps } : {}) });

/** Installable packages, dependencies first. */
export const ALPINE_PACKAGES: readonly PackageDef[] = [
  // curl and libcurl
  lib('brotli-libs', '1.1.0-r2', 'Generic lossless compressor (libraries)', 752_640, ['usr/lib/libbrotlicommon.so.1.1.0@141_312', 'usr/lib/libbrotlidec.so.1.1.0@51_200', 'usr/lib/libbrotlienc.so.1.1.0']),
  lib('c-ares', '1.34.5-r0', 'Asynchronous DNS/names resolver library', 227_328, ['usr/lib/libcares.so.2.19.4']),
  lib('libunistring', '1.3-r0', 'Library for manipulating Unicode strings and C strings', 1_847_296, ['usr/lib/libunistring.so.5.2.0']),
  lib('libidn2', '2.3.7-r0', 'Encoding and decoding library for internationalized domain names', 139_264, ['usr/lib/libidn2.so.0.4.0'], ['libunistring']),
  lib('nghttp2-libs', '1.65.0-r0', 'Experimental HTTP/2 client, server and proxy (libraries)', 172_032, ['usr/lib/libnghttp2.so.14.28.4']),
  lib('libpsl', '0.21.5-r3', 'C library for the Publix Suffix List', 73_728, ['usr/lib/libpsl.so.5.3.5'], ['libidn2', 'libunistring']),
  lib('zstd-libs', '1.5.7-r0', 'Zstandard - Fast real-time compression algorithm (libraries)', 823_296, ['usr/lib/libzstd.so.1.5.7']),
  lib('libcurl', '8.14.1-r2', 'The multiprotocol file transfer library', 778_240, ['usr/lib/libcurl.so.4.8.0', 'usr/lib/libcurl.so.4>libcurl.so.4.8.0'],
    ['brotli-libs', 'c-ares', 'libidn2', 'libpsl', 'nghttp2-libs', 'zstd-libs']),
  { name: 'curl', version: '8.14.1-r2', desc: 'URL retrival utility and library', url: 'https://curl.se/', license: 'curl', size: 270_336,
    deps: ['libcurl'], files: ['usr/bin/curl=curl-alpine'] },

  { name: 'ca-certificates', version: '20250619-r0', desc: 'Common CA certificates PEM files from Mozilla', url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/',
    license: 'MPL-2.0 AND MIT', size: 696_320,
    files: ['etc/ca-certificates/update.d/', 'usr/sbin/update-ca-certificates=true@27_008', 'usr/share/ca-certificates/mozilla/', 'usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt@1939', 'etc/ssl/certs/ca-cert-ISRG_Root_X1.pem>/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt', 'usr/share/ca-certificates/mozilla/certs.dat'] },

  // bash
  lib('ncurses-terminfo-base', '6.5_p20250503-r0', 'Descriptions of common terminals', 46_080, ['etc/terminfo/x/xterm@3_850', 'etc/terminfo/v/vt100', 'etc/terminfo/l/linux']),
  lib('libncursesw', '6.5_p20250503-r0', 'Console display library (libncursesw)', 415_744, ['usr/lib/libncursesw.so.6.5'], ['ncurses-terminfo-base']),
  lib('readline', '8.2.13-r1', 'GNU readline library', 286_720, ['usr/lib/libreadline.so.8.2'], ['libncursesw']),
  { name: 'bash', version: '5.2.37-r0', desc: 'The GNU Bourne Again shell', url: 'https://www.gnu.org/software/bash/bash.html', license: 'GPL-3.0-or-later',
    size: 1_298_432, deps: ['readline'], files: ['bin/bash=bash', 'etc/bash/bashrc@440', 'usr/lib/bash/'] },

  // GNU userland
  lib('acl-libs', '2.3.2-r1', 'Access control list utilities (libraries)', 45_056, ['usr/lib/libacl.so.1.1.2302']),
  lib('libattr', '2.5.2-r2', 'utilities for managing filesystem extended attributes (libraries)', 24_576, ['usr/lib/libattr.so.1.1.2502']),
  lib('skalibs-libs', '2.14.4.0-r0', 'Set of general-purpose C programming libraries for skarnet.org software. (libraries)', 217_088, ['usr/lib/libskarnet.so.2.14.4.0']),
  lib('utmps-libs', '0.1.3.1-r0', 'A secure utmp/wtmp implementation (libraries)', 28_672, ['usr/lib/libutmps.so.0.1.3.1'], ['skalibs-libs']),
  { name: 'coreutils', version: '9.7-r1', desc: 'The basic file, shell and text manipulation utilities', url: 'https://www.gnu.org/software/coreutils/', license: 'GPL-3.0-or-later',
    size: 1_126_400, deps: ['acl-libs', 'libattr', 'utmps-libs'],
    files: ['usr/bin/coreutils=coreutils', ...['cat', 'cp', 'ls', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'date', 'df', 'du', 'echo', 'head', 'tail', 'sort', 'uniq', 'wc', 'tr', 'cut', 'env', 'id', 'stat', 'touch', 'seq', 'sleep', 'tee', 'readlink', 'realpath', 'basename', 'dirname', 'printf', 'nproc', 'uname', 'whoami', 'yes', 'md5sum', 'sha256sum']
      .map((p) => `usr/bin/${p}>coreutils`)] },
  { name: 'findutils', version: '4.10.0-r0', desc: 'GNU utilities for finding files', url: 'https://www.gnu.org/software/findutils/', license: 'GPL-3.0-or-later',
    size: 430_080, files: ['usr/bin/find=coreutils@223_232', 'usr/bin/xargs=coreutils@80_896', 'usr/bin/locate', 'usr/bin/updatedb@4_096'] },
  lib('libproc2', '4.0.4-r3', 'Utilities for monitoring your system and processes on your system (libproc2 library)', 126_976, ['usr/lib/libproc2.so.0.0.2']),
  { name: 'procps-ng', version: '4.0.4-r3', desc: 'Utilities for monitoring your system and processes on your system', url: 'https://gitlab.com/procps-ng/procps', license: 'GPL-2.0-or-later AND LGPL-2.0-or-later',
    size: 487_424, deps: ['libproc2'], provides: ['procps'],
    files: ['bin/ps=coreutils@113_664', 'usr/bin/top=coreutils@118_784', 'usr/bin/free=coreutils@22_528', 'usr/bin/pgrep=coreutils@30_720', 'usr/bin/pkill>pgrep', 'usr/bin/uptime=coreutils@14_336', 'usr/bin/pmap', 'usr/bin/vmstat'] },

  // networking
  lib('libcap2', '2.76-r0', 'POSIX 1003.1e capabilities (libraries)', 36_864, ['usr/lib/libcap.so.2.76']),
  lib('libelf', '0.193-r0', 'libelf library for elfutils', 116_736, ['usr/lib/libelf-0.193.so']),
  lib('libmnl', '1.0.5-r2', 'Library for minimalistic netlink', 24_576, ['usr/lib/libmnl.so.0.2.0']),
  lib('iproute2-minimal', '6.15.0-r0', 'IP Routing Utilities (/sbin/ip only)', 749_568, ['sbin/ip=coreutils', 'etc/iproute2/rt_tables@92'], ['libcap2', 'libelf', 'libmnl']),
  lib('iproute2-tc', '6.15.0-r0', 'IP Routing Utilities (traffic control and XDP support)', 466_944, ['usr/sbin/tc'], ['iproute2-minimal']),
  lib('iproute2-ss', '6.15.0-r0', 'IP Routing Utilities (socket statistics tool)', 135_168, ['usr/sbin/ss=coreutils'], ['iproute2-minimal']),
  { name: 'iproute2', version: '6.15.0-r0', desc: 'IP Routing Utilities', url: 'https://wiki.linuxfoundation.org/networking/iproute2', license: 'GPL-2.0-or-later',
    size: 184_320, deps: ['iproute2-minimal', 'iproute2-tc', 'iproute2-ss'], files: ['usr/sbin/bridge=coreutils', 'usr/sbin/rtmon'] },

  // init, time zones, users
  { name: 'tini', version: '0.19.0-r3', desc: 'A tiny but valid init for containers', url: 'https://github.com/krallin/tini', license: 'MIT', size: 28_672, files: ['sbin/tini=docker-init'] },
  { name: 'tzdata', version: '2025b-r0', desc: 'Timezone data', url: 'https://www.iana.org/time-zones', license: 'Public-Domain', size: 1_601_536,
    files: ['usr/share/zoneinfo/UTC@114', 'usr/share/zoneinfo/Europe/Paris@2_962', 'usr/share/zoneinfo/Asia/Seoul@617', 'usr/share/zoneinfo/America/New_York@3_552', 'usr/share/zoneinfo/zone1970.tab@17_994', 'usr/share/zoneinfo/tzdata.zi', 'usr/bin/posixtz@18_432'] },
  lib('linux-pam', '1.7.0-r4', 'Linux PAM (Pluggable Authentication Modules for Linux)', 466_944, ['usr/lib/libpam.so.0.85.1', 'lib/security/pam_unix.so']),
  { name: 'shadow', version: '4.17.3-r0', desc: 'PAM-using login and passwd utilities (usermod, useradd, ...)', url: 'https://github.com/shadow-maint/shadow', license: 'BSD-3-Clause',
    size: 1_470_464, deps: ['linux-pam'],
    files: ['usr/sbin/useradd=useradd@163_840', 'usr/sbin/groupadd=groupadd@81_920', 'usr/sbin/userdel', 'usr/sbin/usermod', 'usr/sbin/groupdel', 'etc/login.defs@10_714', 'etc/default/useradd@210'] },

  // python
  lib('libbz2', '1.0.8-r6', 'Shared library for bz2', 73_728, ['usr/lib/libbz2.so.1.0.8']),
  lib('libexpat', '2.7.3-r0', 'XML Parser library written in C', 188_416, ['usr/lib/libexpat.so.1.10.2']),
  lib('libffi', '3.4.8-r0', 'portable, high level programming interface to various calling conventions.', 45_056, ['usr/lib/libffi.so.8.1.4']),
  lib('gdbm', '1.24-r0', 'GNU dbm is a set of database routines that use extensible hashing', 204_800, ['usr/lib/libgdbm.so.6.0.0']),
  lib('xz-libs', '5.8.1-r0', 'Library and CLI tools for XZ and LZMA compressed files (libraries)', 200_704, ['usr/lib/liblzma.so.5.8.1']),
  lib('mpdecimal', '4.0.1-r0', 'complete implementation of the General Decimal Arithmetic Specification', 184_320, ['usr/lib/libmpdec.so.4.0.1']),
  lib('libpanelw', '6.5_p20250503-r0', 'Console display library (libpanelw)', 14_336, ['usr/lib/libpanelw.so.6.5'], ['libncursesw']),
  lib('sqlite-libs', '3.49.2-r1', 'Sqlite3 library', 1_617_920, ['usr/lib/libsqlite3.so.0.8.6']),
  { name: 'python3', version: '3.12.12-r0', desc: 'High-level scripting language', url: 'https://www.python.org/', license: 'PSF-2.0', size: 49_041_408,
    deps: ['libbz2', 'libexpat', 'libffi', 'gdbm', 'xz-libs', 'mpdecimal', 'libpanelw', 'readline', 'sqlite-libs'], provides: ['python'],
    files: ['usr/bin/python3.12=python3@14_336', 'usr/bin/python3>python3.12', 'usr/lib/libpython3.12.so.1.0@5_820_416', 'usr/lib/python3.12/os.py@41_108', 'usr/lib/python3.12/site-packages/', 'usr/lib/python3.12/lib-dynload/'] },
  lib('python3-pycache-pyc0', '3.12.12-r0', 'Precompiled Python bytecode for python3', 17_809_408, ['usr/lib/python3.12/__pycache__/os.cpython-312.pyc'], ['python3']),
  lib('pyc', '3.12.12-r0', 'Meta package for pulling in all pycache-pyc0', 0, [], ['python3-pycache-pyc0']),
  lib('python3-pyc', '3.12.12-r0', 'Meta package for python3 with pre-compiled bytecode', 0, [], ['pyc']),

  // servers and their clients
  lib('pcre2', '10.43-r1', 'Perl-compatible regular expression library', 687_104, ['usr/lib/libpcre2-8.so.0.13.0']),
  { name: 'nginx', version: '1.28.0-r3', desc: 'HTTP and reverse proxy server (stable version)', url: 'https://www.nginx.org/', license: 'BSD-2-Clause', size: 1_294_336,
    deps: ['pcre2'],
    files: ['usr/sbin/nginx=nginx@1_204_224', 'var/lib/nginx/html/', 'var/log/nginx/', 'run/nginx/', 'etc/nginx/http.d/'],
    text: {
      'etc/nginx/nginx.conf': 'user nginx;\nworker_processes auto;\npcre_jit on;\nerror_log /var/log/nginx/error.log warn;\ninclude /etc/nginx/modules/*.conf;\ninclude /etc/nginx/conf.d/*.conf;\n\nevents {\n\tworker_connections 1024;\n}\n\nhttp {\n\tinclude /etc/nginx/mime.types;\n\tdefault_type application/octet-stream;\n\tserver_tokens off;\n\tclient_max_body_size 1m;\n\tsendfile on;\n\ttcp_nopush on;\n\taccess_log /var/log/nginx/access.log;\n\tinclude /etc/nginx/http.d/*.conf;\n}\n',
      'etc/nginx/http.d/default.conf': '# This is a default site configuration which will simply return 404, preventing\n# chance access to any other virtualhost.\n\nserver {\n\tlisten 80 default_server;\n\tlisten [::]:80 default_server;\n\n\t# Everything is a 404\n\tlocation / {\n\t\treturn 404;\n\t}\n\n\t# You may need this to prevent return 404 recursion.\n\tlocation = /404.html {\n\t\tinternal;\n\t}\n}\n',
      'etc/nginx/mime.types': 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    text/plain                                       txt;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n',
    } },
  lib('libgcc', '14.2.0-r6', 'GNU C compiler runtime libraries', 147_456, ['usr/lib/libgcc_s.so.1']),
  lib('libstdc++', '14.2.0-r6', 'GNU C++ standard runtime library', 2_637_824, ['usr/lib/libstdc++.so.6.0.33'], ['libgcc']),
  { name: 'redis', version: '8.0.3-r0', desc: 'Advanced key-value store', url: 'https://redis.io/', license: 'AGPL-3.0-only', size: 4_902_912,
    deps: ['libgcc', 'libstdc++'],
    files: ['usr/bin/redis-server=redis-server@3_977_216', 'usr/bin/redis-cli=redis-cli@602_112', 'usr/bin/redis-benchmark', 'etc/redis.conf@107_587', 'var/lib/redis/', 'var/log/redis/'] },
  lib('postgresql-common', '1.2-r1', 'Common files for PostgreSQL', 28_672, ['usr/bin/pg_versions@5_120', 'usr/libexec/postgresql/']),
  lib('lz4-libs', '1.10.0-r0', 'LZ4 is lossless compression algorithm with fast decoder @ multiple GB/s per core. (libraries)', 143_360, ['usr/lib/liblz4.so.1.10.0']),
  lib('libpq', '17.6-r0', 'PostgreSQL client library', 335_872, ['usr/lib/libpq.so.5.17']),
  { name: 'postgresql17-client', version: '17.6-r0', desc: 'PostgreSQL client', url: 'https://www.postgresql.org/', license: 'PostgreSQL', size: 1_859_584,
    deps: ['postgresql-common', 'lz4-libs', 'libpq', 'readline', 'zstd-libs'], provides: ['postgresql-client'],
    files: ['usr/libexec/postgresql17/psql=psql@700_416', 'usr/bin/psql>../libexec/postgresql17/psql', 'usr/libexec/postgresql17/pg_dump', 'usr/bin/pg_dump>../libexec/postgresql17/pg_dump'] },
  lib('mariadb-common', '11.4.8-r0', 'Common files for MariaDB', 28_672, ['etc/my.cnf@227', 'etc/my.cnf.d/client-server.cnf@85']),
  { name: 'mariadb-client', version: '11.4.8-r0', desc: 'Client for MariaDB (a fork of MySQL)', url: 'https://www.mariadb.org/', license: 'GPL-2.0-or-later', size: 15_433_728,
    deps: ['mariadb-common', 'libgcc', 'libstdc++', 'libncursesw', 'zstd-libs'], provides: ['mysql-client'],
    files: ['usr/bin/mariadb=mysql@4_284_416', 'usr/bin/mysql>mariadb', 'usr/bin/mariadb-dump', 'usr/bin/mysqldump>mariadb-dump'] },
];

/** The whole index: the base image's packages first, then the installable ones. */
export const ALPINE_INDEX: readonly PackageDef[] = [...ALPINE_BASE, ...ALPINE_PACKAGES];

/** Packages whose trigger fires when a package changes one of these directories, and the directories. */
export const ALPINE_TRIGGERS: readonly { pkg: string; dirs: readonly string[] }[] = [
  { pkg: 'busybox', dirs: ['bin', 'usr/bin', 'sbin', 'usr/sbin', 'lib/modules/*'] },
  { pkg: 'ca-certificates', dirs: ['usr/share/ca-certificates', 'usr/local/share/ca-certificates', 'etc/ssl/certs', 'etc/ca-certificates/update.d'] },
];

/** Packages that run an install script ("Executing NAME-VER.SCRIPT") and which. */
export const ALPINE_SCRIPTS: Readonly<Record<string, readonly string[]>> = {
  bash: ['post-install'],
  iproute2: ['post-install'],
  nginx: ['pre-install'],
  redis: ['pre-install', 'post-install'],
  'postgresql-common': ['pre-install'],
  'mariadb-common': ['pre-install'],
};

/** System accounts an install script creates (adduser -S / addgroup -S): user, home, shell. */
export const ALPINE_ACCOUNTS: Readonly<Record<string, { user: string; home: string; shell?: string; gecos?: string }>> = {
  nginx: { user: 'nginx', home: '/var/lib/nginx', gecos: 'nginx' },
  redis: { user: 'redis', home: '/var/lib/redis', gecos: 'redis' },
  'postgresql-common': { user: 'postgres', home: '/var/lib/postgresql', shell: '/bin/sh', gecos: 'PostgreSQL user' },
  'mariadb-common': { user: 'mysql', home: '/var/lib/mysql', gecos: 'mysql' },
};
