// busybox nc as alpine builds it (networking/nc_bloaty.c, "nc 1.10"):
// connect, or listen with -l [-k]; -v/-vv reports, -z scans, -w times out,
// -e runs a program on the connection. A refused connect is silent unless -vv.

import { isSysError, AF_INET, SOCK_STREAM, SHUT_WR, ECONNREFUSED } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { Applet } from '../applets/types.ts';
import { App, BUSYBOX_BANNER } from '../libc/app.ts';
import { errnoOf } from '../libc/errors.ts';
import { getaddrinfo, isIPv4 } from '../libc/resolv.ts';
import { localOf, peerOf } from '../libc/sockname.ts';

const USAGE = '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen';

async function copy(sys: Sys, from: number, to: number): Promise<number> {
  let n = 0;
  for (;;) {
    let b: Uint8Array;
    try { b = await sys.read(from, 65536); } catch (e) { if (!isSysError(e)) throw e; return n; }
    if (b.length === 0) return n;
    n += b.length;
    try { await sys.write(to, b); } catch (e) { if (!isSysError(e)) throw e; return n; }
  }
}

/** nc's readwrite(): stdin to the net and the net to stdout until the net side ends. */
async function readwrite(a: App, fd: number, waitMs: number): Promise<void> {
  let stdinDone = false;
  const fromNet = copy(a.sys, fd, 1);
  const toNet = (async () => {
    await copy(a.sys, 0, fd);
    stdinDone = true;
    try { a.sys.shutdown(fd, SHUT_WR); } catch (e) { errnoOf(e); }
  })();
  void toNet;
  if (waitMs > 0) {
    // -w: after stdin ends, wait at most that long for the net to finish
    const deadline = (async () => { for (;;) { await a.sys.sleep(waitMs); if (stdinDone) return; } })();
    await Promise.race([fromNet, deadline]);
  } else await fromNet;
}

const v6 = (addr: string, port: number) => `[::ffff:${addr}]:${port}`;

/** -e: the program runs with the connection as its stdin, stdout and stderr. */
async function runProg(sys: Sys, env: string[], fd: number, prog: string[]): Promise<number> {
  for (const n of [0, 1, 2]) sys.dup2(fd, n);
  sys.close(fd);
  const path = prog[0]!;
  const pathVar = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/sbin:/usr/bin:/sbin:/bin';
  const dirs = path.includes('/') ? [''] : pathVar.split(':').map((d) => `${d}/`);
  for (const d of dirs) {
    try { await sys.execve(d + path, prog, env); } catch (e) { if (!isSysError(e)) throw e; }
  }
  await sys.write(2, `nc: can't execute '${path}': No such file or directory\n`);
  return 127;
}

export const nc: Applet = async (a) => {
  const ei = a.args.indexOf('-e');
  const prog = ei >= 0 ? a.args.slice(ei + 1) : null;
  const args = ei >= 0 ? a.args.slice(0, ei) : a.args;
  const sub = new App({ sys: a.sys, argv: [a.argv[0]!, ...args], env: a.env }, a.name, 'busybox');
  const { o, rest, list } = await sub.opts({ short: 'np:s:ubvw:lki:o:z' }, USAGE);
  const verbose = list.filter(([k]) => k === 'v').length;
  const waitMs = o.has('w') ? Number(o.get('w')) * 1000 : 0;
  const listens = list.filter(([k]) => k === 'l').length;
  if (rest.length > 2) { await a.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: nc ${USAGE}\n`); return 1; }
  let them: string | undefined;
  if (rest[0] !== undefined) {
    if (o.has('n') && !isIPv4(rest[0])) return a.die(`bad address '${rest[0]}'`);
    them = (await getaddrinfo(a.sys, rest[0])).addrs[0];
    if (!them) return a.die(`bad address '${rest[0]}'`);
  }
  const port = Number(rest[1] ?? 0);
  const fd = a.sys.socket(AF_INET, SOCK_STREAM);
  const lport = o.has('p') ? Number(o.get('p')) : 0;
  if (listens || o.has('k')) {
    try { a.sys.bind(fd, { addr: (o.get('s') as string | undefined) ?? '0.0.0.0', port: lport }); a.sys.listen(fd, 1); } catch (e) {
      return a.perror('bind', e);
    }
    if (verbose) await a.sys.write(2, `listening on [::]:${localOf(a.sys, fd).port} ...\n`);
    do {
      let c: number;
      try { c = await a.sys.accept(fd); } catch (e) { return a.perror('accept', e); }
      if (verbose) {
        const l = localOf(a.sys, c), r = peerOf(a.sys, c);
        await a.sys.write(2, `connect to ${v6(l.addr, l.port)} from ${v6(r.addr, r.port)} (${v6(r.addr, r.port)})\n`);
      }
      if (prog) {
        if (!o.has('k')) { a.sys.close(fd); return runProg(a.sys, a.env, c, prog); }
        a.sys.clone({ child: async (cs) => { cs.close(fd); return runProg(cs, a.env, c, prog); } });
        a.sys.close(c);
        continue;
      }
      await readwrite(a, c, waitMs);
      a.sys.close(c);
    } while (o.has('k'));
    return 0;
  }
  if (!them) { await a.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: nc ${USAGE}\n`); return 1; }
  try {
    const attempt = a.sys.connect(fd, { addr: them, port });
    if (waitMs > 0) {
      const timedOut = await Promise.race([attempt.then(() => false), a.sys.sleep(waitMs).then(() => true)]);
      if (timedOut) { if (verbose) await a.error(`${rest[0]} (${them}:${port}): Connection timed out`); return 1; }
    } else await attempt;
  } catch (e) {
    const errno = errnoOf(e);
    if (verbose > 1 || (verbose && errno !== ECONNREFUSED)) await a.error(`${rest[0]} (${them}:${port}): ${a.strerror(errno)}`);
    return 1;
  }
  if (verbose) await a.sys.write(2, `${rest[0]} (${them}:${port}) open\n`);
  if (prog) return runProg(a.sys, a.env, fd, prog);
  if (!o.has('z')) await readwrite(a, fd, waitMs);
  a.sys.close(fd);
  return 0;
};
