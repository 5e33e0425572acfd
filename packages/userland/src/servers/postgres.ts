// PostgreSQL 17.6 as the official image runs it: the entrypoint refuses an
// uninitialized cluster without POSTGRES_PASSWORD (or trust), runs initdb
// and a temporary server with their messages, then execs the postmaster,
// which listens on TCP 5432 and its Unix socket after recovery takes a moment
// of virtual time, answers simple queries (SELECT of constants, version(),
// current_user) and shuts down on SIGINT (fast) or SIGTERM (smart).

import { isSysError, AF_INET, AF_UNIX, SOCK_STREAM, O_WRONLY, O_CREAT, O_TRUNC, SIGINT, SIGTERM, SA_RESTART } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { readFile, text } from '../libc/io.ts';
import { readPasswd } from '../libc/passwd.ts';
import { strftime } from '../libc/time.ts';
import * as pg from './pgwire.ts';

export const PG_VERSION = '17.6';
export const PG_FULL = 'PostgreSQL 17.6 (Debian 17.6-1.pgdg12+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit';
const SOCKET = '/var/run/postgresql/.s.PGSQL.5432';

const stamp = (ms: number) => `${strftime('%Y-%m-%d %H:%M:%S', Math.floor(ms))}.${String(Math.floor(ms) % 1000).padStart(3, '0')} UTC`;
const envOf = (env: string[], k: string) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);

async function writeFileStr(sys: Sys, path: string, s: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
  try { await sys.write(fd, s); } finally { sys.close(fd); }
}

/** What the server answers to one statement: columns and rows, or an error. */
export function runSql(sqlIn: string, user: string, db: string): { cols: Array<{ name: string; oid: number }>; rows: string[][]; tag: string } | { error: string; code: string } {
  const sql = sqlIn.trim().replace(/;$/, '').trim();
  const m = /^select\s+(.+)$/is.exec(sql);
  if (!m) {
    const word = sql.split(/\s+/)[0] ?? '';
    return { error: `syntax error at or near "${word}"`, code: '42601' };
  }
  if (/\sfrom\s/i.test(m[1]!)) {
    const rel = /\sfrom\s+([\w."]+)/i.exec(m[1]!)?.[1] ?? '';
    return { error: `relation "${rel}" does not exist`, code: '42P01' };
  }
  const cols: Array<{ name: string; oid: number }> = [];
  const row: string[] = [];
  for (const raw of m[1]!.split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const [exprPart, alias] = raw.trim().split(/\s+as\s+/i) as [string, string | undefined];
    const e = exprPart.trim();
    let name = '?column?', oid = pg.OID_TEXT, val: string;
    if (/^-?\d+$/.test(e)) { val = String(Number(e)); oid = pg.OID_INT4; }
    else if (/^-?\d+\s*[-+*]\s*-?\d+$/.test(e)) {
      const [, x, op, y] = /^(-?\d+)\s*([-+*])\s*(-?\d+)$/.exec(e)!;
      val = String(op === '+' ? Number(x) + Number(y) : op === '-' ? Number(x) - Number(y) : Number(x) * Number(y));
      oid = pg.OID_INT4;
    } else if (/^'.*'$/s.test(e)) val = e.slice(1, -1).replace(/''/g, "'");
    else if (/^version\(\)$/i.test(e)) { name = 'version'; val = PG_FULL; }
    else if (/^(current_user|user|session_user)$/i.test(e)) { name = e.toLowerCase(); val = user; }
    else if (/^current_database\(\)$/i.test(e)) { name = 'current_database'; val = db; }
    else if (/^(true|false)$/i.test(e)) { val = e.toLowerCase()[0]!; oid = pg.OID_BOOL; }
    else return { error: `column "${e.replace(/\W.*$/, '')}" does not exist`, code: '42703' };
    cols.push({ name: alias?.replace(/"/g, '') ?? name, oid });
    row.push(val);
  }
  return { cols, rows: [row], tag: 'SELECT 1' };
}

export const postgres: Program = async ({ sys, argv, env }) => {
  if (argv.includes('--version') || argv.includes('-V')) { await sys.write(1, `postgres (PostgreSQL) ${PG_VERSION} (Debian 17.6-1.pgdg12+1)\n`); return 0; }
  if (sys.geteuid() === 0) {
    await sys.write(2, '"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n');
    return 1;
  }
  let data = envOf(env, 'PGDATA') ?? '/var/lib/postgresql/data';
  let tcp = true;
  let port = 5432;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-D') data = argv[++i]!;
    else if (argv[i] === '-p') port = Number(argv[++i]);
    else if (argv[i] === '-c' && /^listen_addresses=\s*(''|)$/.test(argv[i + 1] ?? '')) { tcp = false; i++; }
    else if (argv[i] === '-c') i++;
  }
  try { sys.stat(`${data}/PG_VERSION`); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `postgres: could not access the server configuration file "${data}/postgresql.conf": No such file or directory\n`);
    return 2;
  }
  const pid = sys.getpid();
  const log = (msg: string, p = pid) => sys.write(2, `${stamp(sys.now())} [${p}] ${msg}\n`);
  const hba = await readFile(sys, `${data}/pg_hba.conf`).catch(() => '');
  const hostTrust = /^host\s+all\s+all\s+all\s+trust/m.test(hba);
  const secret = (await readFile(sys, `${data}/global/pg_authid`).catch(() => '')).split('\n').map((l) => l.split(':'));
  await log(`LOG:  starting ${PG_FULL}`);
  const fds: Array<{ fd: number; local: boolean }> = [];
  if (tcp) {
    const fd = sys.socket(AF_INET, SOCK_STREAM);
    try { sys.bind(fd, { addr: '0.0.0.0', port }); sys.listen(fd, 244); fds.push({ fd, local: false }); } catch (e) {
      if (!isSysError(e)) throw e;
      await log(`LOG:  could not bind IPv4 address "0.0.0.0": ${e.errno === 98 ? 'Address in use' : 'Permission denied'}`);
    }
    await log(`LOG:  listening on IPv4 address "0.0.0.0", port ${port}`);
    await log(`LOG:  listening on IPv6 address "::", port ${port}`);
  }
  const us = sys.socket(AF_UNIX, SOCK_STREAM);
  try { try { sys.unlink(SOCKET); } catch (e) { if (!isSysError(e)) throw e; } sys.bind(us, { path: SOCKET }); sys.listen(us, 244); fds.push({ fd: us, local: true }); } catch (e) {
    if (!isSysError(e)) throw e;
    await log(`LOG:  could not create Unix socket for address "${SOCKET}": ${e.errno === 2 ? 'No such file or directory' : 'Permission denied'}`);
  }
  await log(`LOG:  listening on Unix socket "${SOCKET}"`);
  let ready = false;
  // the startup process replays the log: a child of its own, as in the real server
  const last = await readFile(sys, `${data}/.shutdown`).catch(() => '');
  const startup = sys.clone({ comm: 'postgres', child: async (c) => {
    await c.sleep(120);
    await c.write(2, `${stamp(c.now())} [${c.getpid()}] LOG:  database system was shut down at ${last.trim() || strftime('%Y-%m-%d %H:%M:%S UTC', Math.floor(c.now()))}\n`);
    return 0;
  } });
  await sys.wait4(startup);
  await log('LOG:  database system is ready to accept connections');
  ready = true;
  let stop: (sig: number) => void = () => {};
  const stopped = new Promise<number>((r) => { stop = r; });
  for (const s of [SIGINT, SIGTERM]) sys.sigaction(s, (sig) => stop(sig), SA_RESTART);
  const serve = async (c: number, local: boolean) => {
    const r = new SockReader(sys, c);
    try {
      let params = await pg.readStartup(r);
      if (params?.ssl) { await sys.write(c, 'N'); params = await pg.readStartup(r); }
      if (!params) return;
      const user = params.user ?? 'postgres', db = params.database ?? user;
      if (!ready) { await pg.send(sys, c, pg.errorResponse('FATAL', '57P03', 'the database system is starting up')); return; }
      if (!local && !hostTrust) {
        await pg.send(sys, c, pg.authCleartext());
        const m = await pg.readMessage(r);
        const pw = m ? text(m.body).replace(/\0$/, '') : '';
        if (!secret.some(([u, p]) => u === user && p === pw)) {
          await pg.send(sys, c, pg.errorResponse('FATAL', '28P01', `password authentication failed for user "${user}"`));
          await log(`FATAL:  password authentication failed for user "${user}"`);
          return;
        }
      }
      if (!secret.some(([u]) => u === user)) { await pg.send(sys, c, pg.errorResponse('FATAL', '28000', `role "${user}" does not exist`)); return; }
      if (db !== 'postgres' && db !== 'template1' && db !== (envOf(env, 'POSTGRES_DB') ?? 'postgres')) { await pg.send(sys, c, pg.errorResponse('FATAL', '3D000', `database "${db}" does not exist`)); return; }
      await pg.send(sys, c, pg.authOk(), pg.parameterStatus('server_version', `${PG_VERSION} (Debian 17.6-1.pgdg12+1)`), pg.parameterStatus('server_encoding', 'UTF8'),
        pg.parameterStatus('client_encoding', 'UTF8'), pg.parameterStatus('is_superuser', 'on'), pg.parameterStatus('session_authorization', user),
        pg.backendKey(sys.getpid(), 0x5eed), pg.ready());
      for (;;) {
        const m = await pg.readMessage(r);
        if (!m || m.type === 'X') break;
        if (m.type !== 'Q') continue;
        const out: Uint8Array[] = [];
        const stmts = text(m.body).replace(/\0$/, '').split(/;(?=(?:[^']*'[^']*')*[^']*$)/).filter((s) => s.trim());
        if (!stmts.length) out.push(pg.emptyQuery());
        for (const s of stmts) {
          const res = runSql(s, user, db);
          if ('error' in res) { out.push(pg.errorResponse('ERROR', res.code, res.error)); break; }
          out.push(pg.rowDescription(res.cols), ...res.rows.map((row) => pg.dataRow(row)), pg.commandComplete(res.tag));
        }
        out.push(pg.ready());
        await pg.send(sys, c, ...out);
      }
    } catch (e) { if (!isSysError(e)) throw e; } finally { try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; } }
  };
  for (const { fd, local } of fds) {
    void (async () => { for (;;) { let c: number; try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return; } void serve(c, local); } })();
  }
  const sig = await stopped;
  await log(`LOG:  received ${sig === SIGINT ? 'fast' : 'smart'} shutdown request`);
  if (sig === SIGINT) await log('LOG:  aborting any active transactions');
  await log(`LOG:  background worker "logical replication launcher" (PID ${pid + 6}) exited with exit code 1`);
  await log('LOG:  shutting down', pid + 1);
  await log('LOG:  checkpoint starting: shutdown immediate', pid + 1);
  await log('LOG:  database system is shut down');
  await writeFileStr(sys, `${data}/.shutdown`, strftime('%Y-%m-%d %H:%M:%S UTC', Math.floor(sys.now()))).catch(() => undefined);
  try { sys.unlink(SOCKET); } catch (e) { if (!isSysError(e)) throw e; }
  return 0;
};

const NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

/** /usr/local/bin/docker-entrypoint.sh of the postgres image. */
export const postgresEntrypoint: Program = async ({ sys, argv, env }) => {
  let args = argv.slice(1);
  if (args[0]?.startsWith('-')) args = ['postgres', ...args];
  const data = envOf(env, 'PGDATA') ?? '/var/lib/postgresql/data';
  const exec = async (a: string[]) => {
    const path = (envOf(env, 'PATH') ?? '').split(':').map((d) => `${d}/${a[0]}`).find((p) => { try { sys.stat(p); return true; } catch { return false; } });
    await sys.execve(a[0]!.includes('/') ? a[0]! : path ?? a[0]!, a, env);
    return 127;
  };
  if (args[0] !== 'postgres') return exec(args);
  if (sys.geteuid() === 0) {
    const pw = (await readPasswd(sys)).find((p) => p.name === 'postgres');
    const mk = (d: string, mode: number) => { try { sys.mkdir(d, mode); } catch (e) { if (!isSysError(e)) throw e; } if (pw) sys.chown(d, pw.uid, pw.gid); sys.chmod(d, mode); };
    mk(data, 0o700);
    mk('/var/run/postgresql', 0o3777);
    if (pw) { sys.setgroups([pw.gid]); sys.setgid(pw.gid); sys.setuid(pw.uid); }
  }
  let initialized = true;
  try { sys.stat(`${data}/PG_VERSION`); } catch (e) { if (!isSysError(e)) throw e; initialized = false; }
  if (initialized) {
    await sys.write(1, '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    return exec(args);
  }
  const password = envOf(env, 'POSTGRES_PASSWORD') ?? '';
  const method = envOf(env, 'POSTGRES_HOST_AUTH_METHOD') ?? '';
  if (!password && method !== 'trust') { await sys.write(2, NO_PASSWORD); return 1; }
  const user = envOf(env, 'POSTGRES_USER') ?? 'postgres';
  await sys.write(1, `The files belonging to this database system will be owned by user "postgres".
This user must also own the server process.

The database cluster will be initialized with locale "en_US.utf8".
The default database encoding has accordingly been set to "UTF8".
The default text search configuration will be set to "english".

Data page checksums are disabled.

fixing permissions on existing directory ${data} ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default "max_connections" ... 100
selecting default "shared_buffers" ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
`);
  for (const d of ['base', 'global', 'pg_wal', 'pg_xact']) try { sys.mkdir(`${data}/${d}`, 0o700); } catch (e) { if (!isSysError(e)) throw e; }
  await writeFileStr(sys, `${data}/postgresql.conf`, "listen_addresses = '*'\n");
  await writeFileStr(sys, `${data}/pg_hba.conf`, `local   all             all                                     trust\nhost    all             all             127.0.0.1/32            trust\nhost    all             all             all                     ${method || 'scram-sha-256'}\n`);
  await writeFileStr(sys, `${data}/global/pg_authid`, `${user}:${password}\n`);
  await sys.sleep(800);
  await sys.write(1, 'running bootstrap script ... ok\n');
  await sys.sleep(700);
  await writeFileStr(sys, `${data}/PG_VERSION`, '17\n');
  await sys.write(1, `performing post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${data} -l logfile start\n\n`);
  await sys.write(2, 'initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
  const tmp = sys.getpid() + 40;
  const t = () => stamp(sys.now());
  await sys.write(1, `waiting for server to start....${t()} [${tmp}] LOG:  starting ${PG_FULL}\n${t()} [${tmp}] LOG:  listening on Unix socket "${SOCKET}"\n`);
  await sys.sleep(100);
  await sys.write(1, `${t()} [${tmp + 3}] LOG:  database system was shut down at ${strftime('%Y-%m-%d %H:%M:%S UTC', Math.floor(sys.now() - 200))}\n${t()} [${tmp}] LOG:  database system is ready to accept connections\n done\nserver started\n`);
  if (envOf(env, 'POSTGRES_DB') && envOf(env, 'POSTGRES_DB') !== 'postgres') await sys.write(1, 'CREATE DATABASE\n');
  await sys.write(1, '\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\n');
  await sys.sleep(100);
  await sys.write(1, `waiting for server to shut down....${t()} [${tmp}] LOG:  received fast shutdown request\n${t()} [${tmp}] LOG:  aborting any active transactions\n${t()} [${tmp}] LOG:  background worker "logical replication launcher" (PID ${tmp + 6}) exited with exit code 1\n${t()} [${tmp + 1}] LOG:  shutting down\n${t()} [${tmp}] LOG:  database system is shut down\n done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n`);
  await writeFileStr(sys, `${data}/.shutdown`, strftime('%Y-%m-%d %H:%M:%S UTC', Math.floor(sys.now())));
  return exec(args);
};
