// redis:8.0.2 on debian:bookworm-slim and on alpine, as docker-library's
// redis Dockerfiles build them: /data as the volume and working directory,
// an entrypoint that steps down to the redis user.

import type { Arch, BuiltImage } from '../build/image.ts';
import { officialImage } from './official.ts';

export const REDIS_CREATED = '2025-10-20T18:22:41Z';

const ENTRYPOINT = `#!/bin/sh
set -e

# options or a config file as the first argument go to redis-server
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# started as root: hand /data to redis and run as that user
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	find . \\! -user redis -exec chown redis '{}' +
	exec STEPDOWN redis "$0" "$@"
fi

um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
`;

export function buildRedis(arch: Arch, alpine = false): BuiltImage {
  return officialImage({
    arch, created: REDIS_CREATED, base: alpine ? 'alpine' : 'bookworm-slim',
    env: ['REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/8.0.2.tar.gz',
      'REDIS_DOWNLOAD_SHA=caf3c0069f06fc84c5153bd2a348b204c578de80490c73857bee01d9b5d7401f'],
    user: alpine
      ? { passwd: 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n', group: 'redis:x:1000:redis\n' }
      : { passwd: 'redis:x:999:999::/home/redis:/bin/sh\n', group: 'redis:x:999:\n' },
    run: {
      createdBy: alpine
        ? 'set -eux; addgroup -S -g 1000 redis; adduser -S -G redis -u 999 redis; apk add --no-cache su-exec tzdata; mkdir /data && chown redis:redis /data'
        : 'set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis; apt-get update; apt-get install -y --no-install-recommends gosu tzdata; mkdir /data && chown redis:redis /data',
      files: (fs) => {
        fs.exe('usr/local/bin/redis-server', 'redis-server', 18_000_000);
        fs.exe('usr/local/bin/redis-cli', 'redis-cli', 9_000_000);
        fs.exe('usr/local/bin/redis-benchmark', 'redis-server', 8_000_000);
        for (const l of ['redis-check-aof', 'redis-check-rdb', 'redis-sentinel']) fs.symlink(`usr/local/bin/${l}`, 'redis-server');
        fs.exe(alpine ? 'sbin/su-exec' : 'usr/sbin/gosu', alpine ? 'su-exec' : 'gosu', alpine ? 10_000 : 2_400_000);
        fs.dir('data', 0o755, { uid: 999, gid: alpine ? 1000 : 999 });
        fs.padTo('usr/local/bin/redis-server', alpine ? 58_000_000 : 60_000_000);
      },
    },
    copies: [['usr/local/bin/docker-entrypoint.sh', ENTRYPOINT.replace('STEPDOWN', alpine ? 'su-exec' : 'gosu'), 0o755]],
    config: {
      Entrypoint: ['docker-entrypoint.sh'], Cmd: ['redis-server'], ExposedPorts: { '6379/tcp': {} }, Volumes: { '/data': {} },
      WorkingDir: '/data',
    },
    tail: ['VOLUME [/data]', 'WORKDIR /data', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE map[6379/tcp:{}]', 'CMD ["redis-server"]'],
  });
}
