// Everything the server images run, in one module that is loaded the first
// time one of them starts (see index.ts): none is needed to boot the host.

export { nginx } from './nginx.ts';
export { envsubst } from './envsubst.ts';
export { redisServer } from './redis.ts';
export { whoami } from './whoami.ts';
export { apacheHttpd } from './apache.ts';
export { gosuProgram } from './gosu.ts';
export { postgres, postgresEntrypoint } from './postgres.ts';
export { python } from './python.ts';
export { redisCli } from '../net-clients/redis-cli.ts';
export { psql } from '../net-clients/psql.ts';
export { mysqld, mysqlEntrypoint } from './mysql.ts';
export { mysqlClient } from '../net-clients/mysql-client.ts';
