// mysql:9.4.0. The official image is built on oraclelinux:9-slim; here its
// files sit on debian:bookworm-slim (no Oracle Linux base exists in this
// registry), with the official image's configuration.

import type { Arch, BuiltImage } from '../build/image.ts';
import { officialImage } from './official.ts';

const CREATED = '2025-10-14T22:41:07Z';

export function buildMysql(arch: Arch): BuiltImage {
  return officialImage({
    arch, created: CREATED, base: 'bookworm-slim',
    env: ['GOSU_VERSION=1.17', 'MYSQL_MAJOR=innovation', 'MYSQL_VERSION=9.4.0-1.el9', 'MYSQL_SHELL_VERSION=9.4.0-1.el9'],
    user: { passwd: 'mysql:x:999:999::/var/lib/mysql:/bin/bash\n', group: 'mysql:x:999:\n' },
    run: {
      createdBy: 'set -eux; groupadd --system --gid 999 mysql; useradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql; microdnf install -y mysql-community-server-minimal-"$MYSQL_VERSION"; mkdir -p /var/lib/mysql /var/run/mysqld; chown mysql:mysql /var/lib/mysql /var/run/mysqld; chmod 1777 /var/lib/mysql /var/run/mysqld',
      files: (fs) => {
        fs.exe('usr/local/bin/gosu', 'gosu', 2_400_000);
        fs.exe('usr/sbin/mysqld', 'mysqld', 60_000_000);
        fs.exe('usr/bin/mysql', 'mysql', 7_800_000);
        fs.exe('usr/local/bin/docker-entrypoint.sh', 'mysql-entrypoint', 15_000);
        fs.dir('var/lib/mysql', 0o1777, { uid: 999, gid: 999 });
        fs.dir('var/run/mysqld', 0o1777, { uid: 999, gid: 999 });
        fs.dir('docker-entrypoint-initdb.d');
        fs.padTo('usr/sbin/mysqld', 600_000_000);
      },
    },
    config: {
      Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mysqld'], ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} },
      Volumes: { '/var/lib/mysql': {} },
    },
    tail: ['VOLUME [/var/lib/mysql]', 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 'ENTRYPOINT ["docker-entrypoint.sh"]',
      'EXPOSE map[3306/tcp:{} 33060/tcp:{}]', 'CMD ["mysqld"]'],
  });
}
