// Server programs by registry name: what the images' binaries name. Their
// code loads on first use (a separate chunk in the web bundle), so the
// host boots without it.

import { lazyProgram } from '@dockersim/kernel';
import type { LazyProgram, Program } from '@dockersim/kernel';

type All = typeof import('./all.ts');
let loading: Promise<All> | undefined;
const load = (): Promise<All> => (loading ??= import('./all.ts').catch((e: unknown) => { loading = undefined; throw e; }));

/** Loads the servers' code now (a page that wants it ready before first use). */
export function preloadServers(): Promise<void> {
  return load().then(() => {});
}

// the kernel pages the code in on first exec (see the kernel's program-load.ts)
const lazy = (pick: (m: All) => Program): LazyProgram => lazyProgram(() => load().then(pick));

export const serverPrograms: Record<string, LazyProgram> = {
  nginx: lazy((m) => m.nginx),
  envsubst: lazy((m) => m.envsubst),
  'redis-server': lazy((m) => m.redisServer),
  'traefik-whoami': lazy((m) => m.whoami),
  'apache-httpd': lazy((m) => m.apacheHttpd),
  gosu: lazy((m) => m.gosuProgram('gosu')),
  'su-exec': lazy((m) => m.gosuProgram('su-exec')),
  postgres: lazy((m) => m.postgres),
  'postgres-entrypoint': lazy((m) => m.postgresEntrypoint),
  python3: lazy((m) => m.python),
  'redis-cli': lazy((m) => m.redisCli),
  psql: lazy((m) => m.psql),
  mysqld: lazy((m) => m.mysqld),
  'mysql-entrypoint': lazy((m) => m.mysqlEntrypoint),
  mysql: lazy((m) => m.mysqlClient),
};
