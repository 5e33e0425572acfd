// The server images of Docker Hub, each built on first pull: redis,
// httpd, traefik/whoami (and the older containous/whoami name).

import type { Arch } from '../build/image.ts';
import type { Registry } from '../registry/registry.ts';
import { buildRedis } from './redis.ts';
import { buildHttpd } from './httpd.ts';
import { buildWhoami } from './whoami.ts';
import { buildPostgres } from './postgres.ts';
import { buildPython } from './python.ts';
import { buildMysql } from './mysql.ts';

export function defineServerImages(reg: Registry, arches: Arch[]): void {
  reg.define('library/redis', () => ({
    images: [
      { tags: ['latest', '8', '8.0', '8.0.2', 'bookworm', '8-bookworm', '8.0-bookworm', '8.0.2-bookworm'], platforms: arches.map((a) => buildRedis(a)) },
      { tags: ['alpine', '8-alpine', '8.0-alpine', '8.0.2-alpine', 'alpine3.22', '8.0.2-alpine3.22'], platforms: arches.map((a) => buildRedis(a, true)) },
    ],
  }));
  reg.define('library/httpd', () => ({
    images: [{ tags: ['latest', '2', '2.4', '2.4.65', 'bookworm', '2.4-bookworm', '2.4.65-bookworm'], platforms: arches.map((a) => buildHttpd(a)) }],
  }));
  reg.define('library/postgres', () => ({
    images: [{ tags: ['latest', '17', '17.6', 'bookworm', '17-bookworm', '17.6-bookworm'], platforms: arches.map((a) => buildPostgres(a)) }],
  }));
  reg.define('library/python', () => ({
    images: [{ tags: ['latest', '3', '3.13', '3.13.9', 'slim', '3-slim', '3.13-slim', '3.13.9-slim', 'slim-bookworm', '3.13-slim-bookworm', '3.13.9-slim-bookworm'],
      platforms: arches.map((a) => buildPython(a)) }],
  }));
  reg.define('library/mysql', () => ({
    images: [{ tags: ['latest', '9', '9.4', '9.4.0', 'innovation'], platforms: arches.map((a) => buildMysql(a)) }],
  }));
  reg.define('traefik/whoami', () => ({
    images: [{ tags: ['latest', 'v1.11', 'v1.11.0'], platforms: arches.map((a) => buildWhoami(a)) }],
  }));
  reg.define('containous/whoami', () => ({
    images: [{ tags: ['latest', 'v1.5.0'], platforms: arches.map((a) => buildWhoami(a)) }],
  }));
}
