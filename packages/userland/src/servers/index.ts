// Server programs by registry name: what the images' binaries name.

import type { Program } from '@dockersim/kernel';
import { nginx } from './nginx.ts';
import { envsubst } from './envsubst.ts';
import { redisServer } from './redis.ts';
import { whoami } from './whoami.ts';
import { apacheHttpd } from './apache.ts';
import { gosuProgram } from './gosu.ts';
import { postgres, postgresEntrypoint } from './postgres.ts';
import { python } from './python.ts';

export const serverPrograms: Record<string, Program> = {
  nginx, envsubst, 'redis-server': redisServer, 'traefik-whoami': whoami, 'apache-httpd': apacheHttpd,
  gosu: gosuProgram('gosu'), 'su-exec': gosuProgram('su-exec'), postgres, 'postgres-entrypoint': postgresEntrypoint,
  python3: python,
};
