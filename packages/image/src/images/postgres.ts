// postgres:17.6 on debian:bookworm-slim, as docker-library's Dockerfile
// builds it: PGDATA as a volume, SIGINT as the stop signal (fast shutdown).

import type { Arch, BuiltImage } from '../build/image.ts';
import { officialImage } from './official.ts';

const CREATED = '2025-10-20T19:11:52Z';

export function buildPostgres(arch: Arch): BuiltImage {
  return officialImage({
    arch, created: CREATED, base: 'bookworm-slim',
    env: ['GOSU_VERSION=1.17', 'LANG=en_US.utf8', 'PG_MAJOR=17', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin',
      'PG_VERSION=17.6-1.pgdg12+1', 'PGDATA=/var/lib/postgresql/data'],
    user: {
      passwd: 'postgres:x:999:999::/var/lib/postgresql:/bin/bash\n',
      group: 'postgres:x:999:\n',
    },
    run: {
      createdBy: 'set -eux; groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; mkdir -p /var/lib/postgresql; chown -R postgres:postgres /var/lib/postgresql; apt-get update; apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR=$PG_VERSION"; mkdir -p /var/run/postgresql && chown -R postgres:postgres /var/run/postgresql && chmod 3777 /var/run/postgresql; mkdir -p "$PGDATA" && chown -R postgres:postgres "$PGDATA" && chmod 1777 "$PGDATA"',
      files: (fs) => {
        fs.exe('usr/local/bin/gosu', 'gosu', 2_400_000);
        fs.exe('usr/lib/postgresql/17/bin/postgres', 'postgres', 9_800_000);
        fs.exe('usr/lib/postgresql/17/bin/psql', 'psql', 780_000);
        fs.symlink('usr/bin/psql', '../share/postgresql-common/pg_wrapper');
        fs.exe('usr/share/postgresql-common/pg_wrapper', 'psql', 12_000);
        fs.dir('var/lib/postgresql', 0o755, { uid: 999, gid: 999 });
        fs.dir('var/lib/postgresql/data', 0o1777, { uid: 999, gid: 999 });
        fs.dir('var/run/postgresql', 0o3777, { uid: 999, gid: 999 });
        fs.dir('docker-entrypoint-initdb.d');
        fs.exe('usr/local/bin/docker-entrypoint.sh', 'postgres-entrypoint', 12_000);
        fs.padTo('usr/lib/postgresql/17/bin/postgres', 300_000_000);
      },
    },
    copies: [],
    config: {
      Entrypoint: ['docker-entrypoint.sh'], Cmd: ['postgres'], ExposedPorts: { '5432/tcp': {} },
      Volumes: { '/var/lib/postgresql/data': {} }, StopSignal: 'SIGINT',
    },
    tail: ['COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit', 'RUN /bin/sh -c ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh # buildkit',
      'ENTRYPOINT ["docker-entrypoint.sh"]', 'STOPSIGNAL SIGINT', 'EXPOSE map[5432/tcp:{}]', 'CMD ["postgres"]'],
  });
}
