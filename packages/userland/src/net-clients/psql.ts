// psql 17: connects over the Unix socket (or TCP with -h), runs -c
// commands, a script on stdin, or an interactive session with its banner
// and "db=#" prompt, and prints results in its aligned table format.

import { isSysError, AF_UNIX, SOCK_STREAM } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { LineReader } from '../libc/io.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { tcpConnect } from '../libc/sockname.ts';
import * as pg from '../servers/pgwire.ts';

const NUMERIC = new Set([pg.OID_INT4, pg.OID_NUMERIC, 20, 21, 700, 701]);

/** psql's aligned format: centred headers, numbers right-aligned, "(N rows)". */
export function formatTable(cols: Array<{ name: string; oid: number }>, rows: Array<Array<string | null>>, tuplesOnly = false): string {
  const w = cols.map((c, i) => Math.max(tuplesOnly ? 0 : c.name.length, ...rows.map((r) => (r[i] ?? '').length)));
  let out = '';
  if (!tuplesOnly) {
    out += cols.map((c, i) => {
      const pad = w[i]! - c.name.length, left = Math.floor(pad / 2);
      return ` ${' '.repeat(left)}${c.name}${' '.repeat(pad - left)} `;
    }).join('|') + '\n';
    out += w.map((x) => '-'.repeat(x + 2)).join('+') + '\n';
  }
  for (const r of rows) {
    // the last column carries no padding after its value
    out += cols.map((c, i) => {
      const v = r[i] ?? '';
      const last = i === cols.length - 1;
      const cell = NUMERIC.has(c.oid) ? v.padStart(w[i]!) : last ? v : v.padEnd(w[i]!);
      return ` ${cell}${last ? '' : ' '}`;
    }).join('|') + '\n';
  }
  if (!tuplesOnly) out += `(${rows.length} row${rows.length === 1 ? '' : 's'})\n\n`;
  else out += '\n';
  return out;
}

export const psql: Program = async ({ sys, argv, env }) => {
  let user = env.find((e) => e.startsWith('PGUSER='))?.slice(7) ?? 'postgres';
  let db: string | undefined = env.find((e) => e.startsWith('PGDATABASE='))?.slice(11);
  let host = env.find((e) => e.startsWith('PGHOST='))?.slice(7);
  let port = 5432;
  const commands: string[] = [];
  let tuples = false;
  const pass = env.find((e) => e.startsWith('PGPASSWORD='))?.slice(11);
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => argv[++i] ?? '';
    if (a === '-U' || a === '--username') user = val();
    else if (a.startsWith('-U') && a.length > 2) user = a.slice(2);
    else if (a === '-d' || a === '--dbname') db = val();
    else if (a === '-h' || a === '--host') host = val();
    else if (a === '-p' || a === '--port') port = Number(val());
    else if (a === '-c' || a === '--command') commands.push(val());
    else if (a === '-t' || a === '--tuples-only') tuples = true;
    else if (a === '-tA' || a === '-At') tuples = true;
    else if (a === '-A' || a === '-q' || a === '-X' || a === '-w' || a === '-W') { /* accepted */ }
    else if (a === '--version' || a === '-V') { await sys.write(1, 'psql (PostgreSQL) 17.6 (Debian 17.6-1.pgdg12+1)\n'); return 0; }
    else positional.push(a);
  }
  db ??= positional[0] ?? user;
  if (positional[1]) user = positional[1];
  const fail = async (msg: string) => { await sys.write(2, `psql: error: ${msg}\n`); return 2; };
  let fd: number;
  let where: string;
  if (!host || host.startsWith('/')) {
    const path = `${host ?? '/var/run/postgresql'}/.s.PGSQL.${port}`;
    where = `connection to server on socket "${path}" failed`;
    fd = sys.socket(AF_UNIX, SOCK_STREAM);
    try { await sys.connect(fd, { path }); } catch (e) {
      if (!isSysError(e)) throw e;
      return fail(`${where}: ${e.errno === 2 ? 'No such file or directory' : 'Connection refused'}\n\tIs the server running locally and accepting connections on that socket?`);
    }
  } else {
    const ip = (await getaddrinfo(sys, host)).addrs[0];
    if (!ip) return fail(`could not translate host name "${host}" to address: Name or service not known`);
    where = `connection to server at "${host}" (${ip}), port ${port} failed`;
    try { fd = await tcpConnect(sys, ip, port); } catch (e) {
      if (!isSysError(e)) throw e;
      return fail(`${where}: ${e.errno === 111 ? 'Connection refused' : 'No route to host'}\n\tIs the server running on that host and accepting TCP/IP connections?`);
    }
  }
  const r = new SockReader(sys, fd);
  await sys.write(fd, pg.startupPacket({ user, database: db, application_name: 'psql', client_encoding: 'UTF8' }));
  for (;;) {
    const m = await pg.readMessage(r);
    if (!m) return fail(`${where}: server closed the connection unexpectedly`);
    if (m.type === 'E') { const e = pg.parseError(m.body); return fail(`${where}: ${e.severity}:  ${e.message}`); }
    if (m.type === 'R' && m.body[3] === 3) {
      if (pass === undefined) return fail(`${where}: fe_sendauth: no password supplied`);
      await sys.write(fd, pg.password(pass));
    }
    if (m.type === 'Z') break;
  }
  const run = async (q: string): Promise<boolean> => {
    const t = q.trim();
    if (t === '\\q') return false;
    if (t === '\\l') { await sys.write(1, formatTable([{ name: 'Name', oid: 25 }, { name: 'Owner', oid: 25 }, { name: 'Encoding', oid: 25 }], [['postgres', user, 'UTF8'], ['template0', user, 'UTF8'], ['template1', user, 'UTF8']]).replace('(3 rows)', '(3 rows)').replace(/^/, '                 List of databases\n')); return true; }
    if (t === '\\dt') { await sys.write(1, 'Did not find any relations.\n'); return true; }
    await sys.write(fd, pg.query(t));
    let cols: Array<{ name: string; oid: number }> = [];
    let rows: Array<Array<string | null>> = [];
    for (;;) {
      const m = await pg.readMessage(r);
      if (!m) return false;
      if (m.type === 'T') { cols = pg.parseRowDescription(m.body); rows = []; }
      else if (m.type === 'D') rows.push(pg.parseDataRow(m.body));
      else if (m.type === 'C') { if (cols.length) await sys.write(1, formatTable(cols, rows, tuples)); else await sys.write(1, `${new TextDecoder().decode(m.body).replace(/\0$/, '')}\n`); cols = []; }
      else if (m.type === 'E') { const e = pg.parseError(m.body); await sys.write(2, `${e.severity}:  ${e.message}\n`); }
      else if (m.type === 'Z') return true;
    }
  };
  let status = 0;
  if (commands.length) {
    for (const c of commands) if (!(await run(c))) break;
  } else {
    const tty = sys.isatty(0);
    if (tty) await sys.write(1, `psql (17.6 (Debian 17.6-1.pgdg12+1))\nType "help" for help.\n\n`);
    const lines = new LineReader(sys, 0);
    let buf = '';
    for (;;) {
      if (tty) await sys.write(1, `${db}${buf ? '-' : '='}# `);
      const l = await lines.line();
      if (l === null) break;
      const line = l.replace(/\n$/, '');
      if (!buf && line.trim().startsWith('\\')) { if (!(await run(line))) break; continue; }
      buf += (buf ? '\n' : '') + line;
      if (/;\s*$/.test(buf)) { const q = buf; buf = ''; if (!(await run(q))) break; }
    }
    if (tty) await sys.write(1, '\n');
  }
  try { await sys.write(fd, pg.terminate()); sys.close(fd); } catch (e) { if (!isSysError(e)) throw e; status = 0; }
  return status;
};

export type { Sys };
