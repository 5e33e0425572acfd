// The mysql command-line client: -u/-p/-h/-P/-e/-D, a table with borders on
// a terminal (or with -t), tab-separated batch output in a pipe, and its
// "ERROR NNNN (SQLSTATE): ..." messages.

import { isSysError, AF_UNIX, SOCK_STREAM } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { LineReader, concat, utf8 } from '../libc/io.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { tcpConnect } from '../libc/sockname.ts';
import { MYSQL_SOCKET, packet, parseErr, readLenc, readPacket } from '../servers/mysql.ts';

export function boxTable(cols: string[], rows: Array<Array<string | null>>): string {
  const cells = rows.map((r) => r.map((v) => v ?? 'NULL'));
  const w = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = `+${w.map((x) => '-'.repeat(x + 2)).join('+')}+\n`;
  const fmt = (vals: string[]) => `|${vals.map((v, i) => ` ${/^-?\d+(\.\d+)?$/.test(v) && vals !== cols ? v.padStart(w[i]!) : v.padEnd(w[i]!)} `).join('|')}|\n`;
  return line + fmt(cols) + line + cells.map(fmt).join('') + line;
}

export const mysqlClient: Program = async ({ sys, argv }) => {
  let user = 'root', pass: string | undefined, host: string | undefined, port = 3306, db = '';
  const exec: string[] = [];
  let table: boolean | undefined;
  let batchNames = true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const v = () => argv[++i] ?? '';
    if (a === '-u' || a === '--user') user = v();
    else if (a.startsWith('-u')) user = a.slice(2);
    else if (a.startsWith('--user=')) user = a.slice(7);
    else if (a.startsWith('-p')) pass = a.slice(2);
    else if (a.startsWith('--password=')) pass = a.slice(11);
    else if (a === '-h' || a === '--host') host = v();
    else if (a.startsWith('-h')) host = a.slice(2);
    else if (a === '-P' || a === '--port') port = Number(v());
    else if (a === '-e' || a === '--execute') exec.push(v());
    else if (a.startsWith('-e')) exec.push(a.slice(2));
    else if (a === '-D' || a === '--database') db = v();
    else if (a === '-t' || a === '--table') table = true;
    else if (a === '-N' || a === '--skip-column-names') batchNames = false;
    else if (a === '-B' || a === '--batch' || a === '-s' || a === '--silent') table = false;
    else if (a === '--version' || a === '-V') { await sys.write(1, 'mysql  Ver 9.4.0 for Linux on x86_64 (MySQL Community Server - GPL)\n'); return 0; }
    else if (!a.startsWith('-')) db = a;
  }
  if (pass) await sys.write(2, 'mysql: [Warning] Using a password on the command line interface can be insecure.\n');
  let fd: number;
  if (!host || host === 'localhost') {
    fd = sys.socket(AF_UNIX, SOCK_STREAM);
    try { await sys.connect(fd, { path: MYSQL_SOCKET }); } catch (e) {
      if (!isSysError(e)) throw e;
      await sys.write(2, `ERROR 2002 (HY000): Can't connect to local MySQL server through socket '${MYSQL_SOCKET}' (${e.errno})\n`);
      return 1;
    }
  } else {
    const ip = (await getaddrinfo(sys, host)).addrs[0];
    if (!ip) { await sys.write(2, `ERROR 2005 (HY000): Unknown MySQL server host '${host}' (-2)\n`); return 1; }
    try { fd = await tcpConnect(sys, ip, port); } catch (e) {
      if (!isSysError(e)) throw e;
      await sys.write(2, `ERROR 2003 (HY000): Can't connect to MySQL server on '${host}:${port}' (${e.errno})\n`);
      return 1;
    }
  }
  const r = new SockReader(sys, fd);
  await readPacket(r);
  await sys.write(fd, packet(1, `${user}\0${pass ?? ''}\0${db}\0`));
  const auth = await readPacket(r);
  if (!auth || auth.body[0] === 0xff) {
    const e = auth ? parseErr(auth.body) : { code: 2013, state: 'HY000', msg: 'Lost connection to MySQL server at \'reading initial communication packet\', system error: 0' };
    await sys.write(2, `ERROR ${e.code} (${e.state}): ${e.msg}\n`);
    return 1;
  }
  const tty = sys.isatty(1);
  const run = async (sql: string): Promise<boolean> => {
    await sys.write(fd, packet(0, concat([new Uint8Array([3]), utf8(sql)])));
    const first = await readPacket(r);
    if (!first) return false;
    if (first.body[0] === 0xff) { const e = parseErr(first.body); await sys.write(2, `ERROR ${e.code} (${e.state})${exec.length ? ' at line 1' : ''}: ${e.msg}\n`); return !exec.length; }
    if (first.body[0] === 0) return true;
    const n = first.body[0]!;
    const cols: string[] = [];
    for (let i = 0; i < n; i++) cols.push(readLenc((await readPacket(r))!.body)[0] ?? '');
    await readPacket(r);
    const rows: Array<Array<string | null>> = [];
    for (;;) { const p = await readPacket(r); if (!p || (p.body[0] === 0xfe && p.body.length === 1)) break; rows.push(readLenc(p.body)); }
    if (table ?? tty) await sys.write(1, boxTable(cols, rows) + (tty && !exec.length ? `${rows.length} row${rows.length === 1 ? '' : 's'} in set (0.00 sec)\n\n` : ''));
    else await sys.write(1, (batchNames ? `${cols.join('\t')}\n` : '') + rows.map((x) => x.map((v) => v ?? 'NULL').join('\t') + '\n').join(''));
    return true;
  };
  if (exec.length) {
    let ok = true;
    for (const e of exec) for (const s of e.split(';').filter((x) => x.trim())) if (ok) ok = await run(s);
    await sys.write(fd, packet(0, new Uint8Array([1])));
    return ok ? 0 : 1;
  }
  const interactive = sys.isatty(0);
  if (interactive) await sys.write(1, `Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is 8\nServer version: 9.4.0 MySQL Community Server - GPL\n\nCopyright (c) 2000, 2025, Oracle and/or its affiliates.\n\nOracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n`);
  const lines = new LineReader(sys, 0);
  let buf = '';
  for (;;) {
    if (interactive) await sys.write(1, buf ? '    -> ' : 'mysql> ');
    const l = await lines.line();
    if (l === null) break;
    const line = l.replace(/\n$/, '');
    if (!buf && /^\s*(exit|quit|\\q)\s*;?\s*$/i.test(line)) { if (interactive) await sys.write(1, 'Bye\n'); break; }
    buf += (buf ? ' ' : '') + line;
    if (/;\s*$/.test(buf)) { const q = buf.replace(/;\s*$/, ''); buf = ''; if (q.trim() && !(await run(q)) && !interactive) return 1; }
  }
  await sys.write(fd, packet(0, new Uint8Array([1])));
  return 0;
};
