// MySQL 9.4 as the official image runs it: the entrypoint's checks and
// notes (no root password option → its error), database initialization and
// a temporary server, then mysqld on port 3306 and its Unix socket after a
// start-up delay in virtual time. Packets are framed as MySQL's (3-byte
// length, sequence id) with a reduced handshake; queries: SELECT of
// constants, VERSION(), USER(), DATABASE(), SHOW DATABASES.

import { isSysError, AF_INET, AF_UNIX, SOCK_STREAM, O_WRONLY, O_CREAT, O_TRUNC, SIGTERM, SIGINT, SA_RESTART } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { concat, readFile, text, utf8 } from '../libc/io.ts';
import { readPasswd } from '../libc/passwd.ts';
import { strftime } from '../libc/time.ts';

export const MYSQL_VERSION = '9.4.0';
export const MYSQL_SOCKET = '/var/run/mysqld/mysqld.sock';

export function packet(seq: number, payload: Uint8Array | string): Uint8Array {
  const b = typeof payload === 'string' ? utf8(payload) : payload;
  return concat([new Uint8Array([b.length & 255, (b.length >> 8) & 255, (b.length >> 16) & 255, seq & 255]), b]);
}

export async function readPacket(r: SockReader): Promise<{ seq: number; body: Uint8Array } | null> {
  const h = await r.exactly(4);
  if (h.length < 4) return null;
  return { seq: h[3]!, body: await r.exactly(h[0]! | (h[1]! << 8) | (h[2]! << 16)) };
}

/** An ERR packet: 0xff, error code, '#', SQLSTATE, message. */
export function errPacket(seq: number, code: number, state: string, msg: string): Uint8Array {
  return packet(seq, concat([new Uint8Array([0xff, code & 255, code >> 8]), utf8(`#${state}${msg}`)]));
}

export function parseErr(b: Uint8Array): { code: number; state: string; msg: string } {
  const s = text(b.subarray(3));
  return { code: b[1]! | (b[2]! << 8), state: s.slice(1, 6), msg: s.slice(6) };
}

const lenc = (s: string | null) => (s === null ? new Uint8Array([0xfb]) : concat([new Uint8Array([utf8(s).length]), utf8(s)]));

export function readLenc(b: Uint8Array): Array<string | null> {
  const out: Array<string | null> = [];
  for (let p = 0; p < b.length;) {
    const n = b[p++]!;
    if (n === 0xfb) { out.push(null); continue; }
    out.push(text(b.subarray(p, p + n)));
    p += n;
  }
  return out;
}

export function mysqlQuery(sqlIn: string, user: string, db: string | null): { cols: string[]; rows: Array<Array<string | null>> } | { code: number; state: string; msg: string } | { ok: true } {
  const sql = sqlIn.trim().replace(/;$/, '').trim();
  if (/^show\s+databases$/i.test(sql)) return { cols: ['Database'], rows: [['information_schema'], ['mysql'], ['performance_schema'], ['sys'], ...(db && !['mysql'].includes(db) ? [[db]] : [])] };
  if (/^use\s+\w+$/i.test(sql)) return { ok: true };
  const m = /^select\s+(.+)$/is.exec(sql);
  if (!m || /\sfrom\s/i.test(m[1]!)) {
    if (m) { const t = /\sfrom\s+([\w.`]+)/i.exec(m[1]!)?.[1]?.replace(/`/g, '') ?? ''; return { code: 1146, state: '42S02', msg: `Table '${t.includes('.') ? t : `${db ?? 'mysql'}.${t}`}' doesn't exist` }; }
    return { code: 1064, state: '42000', msg: `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${sql}' at line 1` };
  }
  const cols: string[] = [], row: Array<string | null> = [];
  for (const raw of m[1]!.split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const [e0, alias] = raw.trim().split(/\s+as\s+/i) as [string, string | undefined];
    const e = e0.trim();
    let v: string | null;
    if (/^-?\d+$/.test(e)) v = e;
    else if (/^'.*'$/s.test(e)) v = e.slice(1, -1);
    else if (/^version\(\)$/i.test(e)) v = MYSQL_VERSION;
    else if (/^(current_)?user\(\)$/i.test(e)) v = `${user}@localhost`;
    else if (/^database\(\)$/i.test(e)) v = db;
    else return { code: 1054, state: '42S22', msg: `Unknown column '${e}' in 'field list'` };
    cols.push(alias?.replace(/[`'"]/g, '') ?? (/^'.*'$/.test(e) ? e.slice(1, -1) : e));
    row.push(v);
  }
  return { cols, rows: [row] };
}

const iso = (ms: number) => `${strftime('%Y-%m-%dT%H:%M:%S', Math.floor(ms))}.${String(Math.floor((ms % 1000) * 1000)).padStart(6, '0')}Z`;
const envOf = (env: string[], k: string) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);

export const mysqld: Program = async ({ sys, argv, env }) => {
  if (argv.includes('--version') || argv.includes('-V')) { await sys.write(1, `/usr/sbin/mysqld  Ver ${MYSQL_VERSION} for Linux on x86_64 (MySQL Community Server - GPL)\n`); return 0; }
  const log = (thread: number, level: string, code: string, sub: string, msg: string) => sys.write(2, `${iso(sys.now())} ${thread} [${level}] [${code}] [${sub}] ${msg}\n`);
  const pid = sys.getpid();
  const tcp = !argv.includes('--skip-networking');
  let users: Array<[string, string]> = [];
  try { users = (await readFile(sys, '/var/lib/mysql/mysql.ibd')).split('\n').filter(Boolean).map((l) => l.split(':') as [string, string]); } catch (e) { if (!isSysError(e)) throw e; }
  await log(0, 'System', 'MY-015015', 'Server', 'MySQL Server - start.');
  await log(0, 'System', 'MY-010116', 'Server', `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) starting as process ${pid}`);
  await log(1, 'System', 'MY-013576', 'InnoDB', 'InnoDB initialization has started.');
  await sys.sleep(600);
  await log(1, 'System', 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.');
  await log(0, 'Warning', 'MY-010068', 'Server', 'CA certificate ca.pem is self signed.');
  await log(0, 'System', 'MY-013602', 'Server', 'Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.');
  const fds: Array<{ fd: number; local: boolean }> = [];
  if (tcp) {
    const fd = sys.socket(AF_INET, SOCK_STREAM);
    try { sys.bind(fd, { addr: '0.0.0.0', port: 3306 }); sys.listen(fd, 151); fds.push({ fd, local: false }); } catch (e) {
      if (!isSysError(e)) throw e;
      await log(0, 'ERROR', 'MY-010262', 'Server', `Can't start server: Bind on TCP/IP port: ${e.errno === 98 ? 'Address already in use' : 'Permission denied'}`);
      return 1;
    }
    await log(0, 'System', 'MY-011323', 'Server', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
  }
  const us = sys.socket(AF_UNIX, SOCK_STREAM);
  try { try { sys.unlink(MYSQL_SOCKET); } catch (e) { if (!isSysError(e)) throw e; } sys.bind(us, { path: MYSQL_SOCKET }); sys.listen(us, 151); fds.push({ fd: us, local: true }); } catch (e) { if (!isSysError(e)) throw e; }
  await log(0, 'System', 'MY-010931', 'Server', `/usr/sbin/mysqld: ready for connections. Version: '${MYSQL_VERSION}'  socket: '${MYSQL_SOCKET}'  port: ${tcp ? 3306 : 0}  MySQL Community Server - GPL.`);
  let conn = 7;
  const serve = async (c: number) => {
    const r = new SockReader(sys, c);
    try {
      await sys.write(c, packet(0, concat([new Uint8Array([10]), utf8(`${MYSQL_VERSION}\0`), new Uint8Array([++conn, 0, 0, 0])])));
      const hello = await readPacket(r);
      if (!hello) return;
      const [user = '', pass = '', db = ''] = text(hello.body).split('\0');
      const known = users.find(([u]) => u === user);
      if (!known || known[1] !== pass) {
        await sys.write(c, errPacket(2, 1045, '28000', `Access denied for user '${user}'@'localhost' (using password: ${pass ? 'YES' : 'NO'})`));
        return;
      }
      let cur: string | null = db || null;
      await sys.write(c, packet(2, new Uint8Array([0, 0, 0, 2, 0, 0, 0])));
      for (;;) {
        const q = await readPacket(r);
        if (!q || q.body[0] === 1) break;
        const sql = text(q.body.subarray(1));
        const res = mysqlQuery(sql, user, cur);
        if ('code' in res) { await sys.write(c, errPacket(1, res.code, res.state, res.msg)); continue; }
        if ('ok' in res) { cur = sql.trim().split(/\s+/)[1]!.replace(/;$/, ''); await sys.write(c, packet(1, new Uint8Array([0, 0, 0, 2, 0, 0, 0]))); continue; }
        let seq = 1;
        const out = [packet(seq++, new Uint8Array([res.cols.length])), ...res.cols.map((n) => packet(seq++, lenc(n))), packet(seq++, new Uint8Array([0xfe]))];
        for (const row of res.rows) out.push(packet(seq++, concat(row.map(lenc))));
        out.push(packet(seq++, new Uint8Array([0xfe])));
        await sys.write(c, concat(out));
      }
    } catch (e) { if (!isSysError(e)) throw e; } finally { try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; } }
  };
  for (const { fd } of fds) void (async () => { for (;;) { let c: number; try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return; } void serve(c); } })();
  let stop: (s: number) => void = () => {};
  const stopped = new Promise<number>((res) => { stop = res; });
  for (const s of [SIGTERM, SIGINT]) sys.sigaction(s, (sig) => stop(sig), SA_RESTART);
  await stopped;
  await log(0, 'System', 'MY-013172', 'Server', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${MYSQL_VERSION}).`);
  await log(0, 'System', 'MY-010910', 'Server', `/usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION})  MySQL Community Server - GPL.`);
  await log(0, 'System', 'MY-015016', 'Server', 'MySQL Server - end.');
  return 0;
};

const NO_PASSWORD = `    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
`;

/** /usr/local/bin/docker-entrypoint.sh of the mysql image. */
export const mysqlEntrypoint: Program = async ({ sys, argv, env }) => {
  const args = argv.slice(1);
  const note = (lvl: string, msg: string) => sys.write(lvl === 'ERROR' ? 2 : 1, `${strftime('%Y-%m-%d %H:%M:%S+00:00', Math.floor(sys.now()))} [${lvl}] [Entrypoint]: ${msg}\n`);
  if (args[0] !== 'mysqld') {
    try { await sys.execve(args[0]!.includes('/') ? args[0]! : `/usr/bin/${args[0]}`, args, env); } catch (e) { if (!isSysError(e)) throw e; }
    return 127;
  }
  await note('Note', `Entrypoint script for MySQL Server ${MYSQL_VERSION}-1.el9 started.`);
  if (sys.geteuid() === 0) {
    await note('Note', "Switching to dedicated user 'mysql'");
    const pw = (await readPasswd(sys)).find((p) => p.name === 'mysql');
    for (const d of ['/var/lib/mysql', '/var/run/mysqld']) { try { sys.mkdir(d, 0o755); } catch (e) { if (!isSysError(e)) throw e; } if (pw) sys.chown(d, pw.uid, pw.gid); }
    if (pw) { sys.setgroups([pw.gid]); sys.setgid(pw.gid); sys.setuid(pw.uid); }
    await note('Note', `Entrypoint script for MySQL Server ${MYSQL_VERSION}-1.el9 started.`);
  }
  let initialized = true;
  try { sys.stat('/var/lib/mysql/mysql'); } catch (e) { if (!isSysError(e)) throw e; initialized = false; }
  if (!initialized) {
    const root = envOf(env, 'MYSQL_ROOT_PASSWORD');
    const empty = envOf(env, 'MYSQL_ALLOW_EMPTY_PASSWORD'), random = envOf(env, 'MYSQL_RANDOM_ROOT_PASSWORD');
    if (!root && !empty && !random) {
      await note('ERROR', 'Database is uninitialized and password option is not specified');
      await sys.write(2, NO_PASSWORD);
      return 1;
    }
    await note('Note', 'Initializing database files');
    const t = (th: number, lvl: string, code: string, sub: string, msg: string) => sys.write(2, `${iso(sys.now())} ${th} [${lvl}] [${code}] [${sub}] ${msg}\n`);
    await t(0, 'System', 'MY-015017', 'Server', 'MySQL Server Initialization - start.');
    await t(0, 'System', 'MY-013169', 'Server', `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) initializing of server in progress as process ${sys.getpid() + 79}`);
    await t(1, 'System', 'MY-013576', 'InnoDB', 'InnoDB initialization has started.');
    await sys.sleep(1500);
    await t(1, 'System', 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.');
    await t(6, 'Warning', 'MY-010453', 'Server', 'root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.');
    await sys.sleep(1500);
    await t(0, 'System', 'MY-015018', 'Server', 'MySQL Server Initialization - end.');
    try { sys.mkdir('/var/lib/mysql/mysql', 0o750); } catch (e) { if (!isSysError(e)) throw e; }
    const password = root ?? (random ? 'Ahb3aiKooXu5ohch' : '');
    const user = envOf(env, 'MYSQL_USER');
    const fd = sys.open('/var/lib/mysql/mysql.ibd', O_WRONLY | O_CREAT | O_TRUNC, 0o640);
    await sys.write(fd, `root:${password}\n${user ? `${user}:${envOf(env, 'MYSQL_PASSWORD') ?? ''}\n` : ''}`);
    sys.close(fd);
    await note('Note', 'Database files initialized');
    await note('Note', 'Starting temporary server');
    await sys.sleep(1000);
    await note('Note', 'Temporary server started.');
    await sys.write(1, "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n");
    if (random) await sys.write(1, `${strftime('%Y-%m-%d %H:%M:%S+00:00', Math.floor(sys.now()))} [Note] [Entrypoint]: GENERATED ROOT PASSWORD: ${password}\n`);
    if (envOf(env, 'MYSQL_DATABASE')) await note('Note', `Creating database ${envOf(env, 'MYSQL_DATABASE')}`);
    if (user) await note('Note', `Creating user ${user}`);
    await note('Note', 'Stopping temporary server');
    await sys.sleep(500);
    await note('Note', 'Temporary server stopped');
    await sys.write(1, '\n');
    await note('Note', 'MySQL init process done. Ready for start up.');
    await sys.write(1, '\n');
  }
  await sys.execve('/usr/sbin/mysqld', args, env);
  return 127;
};

export type { Sys };
