// Server programs by registry name: what the images' binaries name. Their
// code loads on first use (a separate chunk in the web bundle), so the
// host boots without it.

import type { Program, ProcessContext } from '@dockersim/kernel';

type All = typeof import('./all.ts');
let all: All | undefined;
let loading: Promise<void> | undefined;

async function load(ctx: ProcessContext): Promise<All> {
  if (all) return all;
  loading ??= import('./all.ts').then((m) => { all = m; });
  // a bundled module arrives within a few microtasks; a chunk over the
  // network takes longer: wait for it in virtual time, so a wall-clock
  // driver keeps the world running meanwhile
  for (let i = 0; i < 10 && !all; i++) await Promise.resolve();
  while (!all) await Promise.race([loading, ctx.sys.sleep(10)]);
  return all;
}

/** Loads the servers' code now (tests, and a page that wants it ready). */
export function preloadServers(): Promise<void> {
  loading ??= import('./all.ts').then((m) => { all = m; });
  return loading;
}

const lazy = (pick: (m: All) => Program): Program => async (ctx) => pick(await load(ctx))(ctx);

export const serverPrograms: Record<string, Program> = {
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
