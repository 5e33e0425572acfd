// nginx 1.29.1: a master process that reads the configuration, binds the
// listen sockets and starts the workers, which serve HTTP. Both re-exec
// themselves so that ps shows "nginx: master process ..." and "nginx: worker
// process" (nginx rewrites its argv); listen sockets cross the exec in the
// NGINX environment variable as in a binary upgrade. SIGQUIT shuts down
// gracefully, SIGTERM/SIGINT fast, each with the notices nginx logs.

import { isSysError, AF_INET, SOCK_STREAM, O_WRONLY, O_CREAT, O_APPEND, O_TRUNC, SIGQUIT, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SA_RESTART } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { readFile } from '../libc/io.ts';
import { readPasswd } from '../libc/passwd.ts';
import { getaddrinfo } from '../libc/resolv.ts';

const SIG_NAMES: Record<number, string> = { [SIGHUP]: 'SIGHUP', [SIGINT]: 'SIGINT', [SIGQUIT]: 'SIGQUIT', [SIGTERM]: 'SIGTERM' };
import { ConfError, interpret, parseConf } from './nginx-conf.ts';
import type { Directive, NginxConf } from './nginx-conf.ts';
import { errorLog, logTime, NGINX_VER, serveConnection } from './nginx-http.ts';
import type { Worker } from './nginx-http.ts';

const SELF = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

function gDirectives(s: string): Directive[] {
  return s.split(';').map((x) => x.trim()).filter(Boolean).map((x) => {
    const [name, ...args] = x.split(/\s+/);
    return { name: name!, args, file: 'command line', line: 0 };
  });
}

interface Args { conf: string; g: string; test: boolean; dump: boolean; version: 0 | 1 | 2; signal?: string; quiet: boolean; bad?: string }

function parseArgs(argv: string[]): Args {
  const r: Args = { conf: '/etc/nginx/nginx.conf', g: '', test: false, dump: false, version: 0, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c') r.conf = argv[++i] ?? '';
    else if (a === '-g') r.g += argv[++i] ?? '';
    else if (a === '-t') r.test = true;
    else if (a === '-T') { r.test = true; r.dump = true; }
    else if (a === '-v') r.version = 1;
    else if (a === '-V') r.version = 2;
    else if (a === '-q') r.quiet = true;
    else if (a === '-s') r.signal = argv[++i] ?? '';
    else if (a === '-p' || a === '-e') i++;
    else { r.bad = a; break; }
  }
  return r;
}

async function loadConf(sys: Sys, args: Args): Promise<NginxConf> {
  const main = await parseConf(sys, args.conf);
  return interpret(main, gDirectives(args.g));
}

async function mimeTypes(conf: NginxConf): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const d of conf.http) if (d.name === 'types') for (const t of d.block ?? []) for (const ext of t.args) m.set(ext, t.name);
  return m;
}

function openLog(sys: Sys, path: string | null, fallback: number): number | null {
  if (path === null) return null;
  if (path === 'stderr') return 2;
  try { return sys.open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644); } catch (e) { if (!isSysError(e)) throw e; return fallback; }
}

function fdsFromEnv(env: string[]): number[] {
  const v = env.find((e) => e.startsWith('NGINX='))?.slice(6) ?? '';
  return v.split(/[;:]/).filter(Boolean).map(Number);
}

async function execSelf(sys: Sys, argv: string[], env: string[]): Promise<never> {
  for (const p of SELF) {
    try { return await sys.execve(p, argv, env); } catch (e) { if (!isSysError(e)) throw e; }
  }
  throw new Error('nginx: cannot find its own binary');
}

export const nginx: Program = async ({ sys, argv, env }) => {
  const arg0 = argv[0] ?? 'nginx';
  if (arg0 === 'nginx: worker process') return worker(sys, env);
  const master = arg0.startsWith('nginx: master process ');
  const args = parseArgs(argv.slice(1));
  const emerg = async (msg: string) => { await sys.write(2, `nginx: [emerg] ${msg}\n`); return 1; };
  if (args.bad !== undefined) { await sys.write(2, `nginx: invalid option: "${args.bad.replace(/^-/, '')}"\n`); return 1; }
  if (args.version) {
    await sys.write(2, `nginx version: ${NGINX_VER}\n${args.version === 2 ? 'built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \nbuilt with OpenSSL 3.0.16 11 Feb 2025\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/run/nginx.pid --user=nginx --group=nginx\n' : ''}`);
    return 0;
  }
  let conf: NginxConf;
  try { conf = await loadConf(sys, args); } catch (e) {
    if (!(e instanceof ConfError)) throw e;
    if (args.test) await emerg(e.message);
    else await emerg(e.message);
    if (args.test) await sys.write(2, `nginx: configuration file ${args.conf} test failed\n`);
    return 1;
  }
  if (args.signal !== undefined) return signalMaster(sys, conf, args.signal);
  // upstream names must resolve at start-up: the classic failure when a backend is not up yet
  for (const s of conf.servers) for (const d of s.locations.flatMap((l) => l.directives).concat(s.directives)) {
    if (d.name !== 'proxy_pass') continue;
    const host = /^https?:\/\/([^/:$]+)/.exec(d.args[0] ?? '')?.[1];
    const upstreams = conf.http.filter((u) => u.name === 'upstream').map((u) => u.args[0]);
    if (!host || upstreams.includes(host)) continue;
    if (!(await getaddrinfo(sys, host)).addrs.length) {
      const msg = `host not found in upstream "${host}" in ${d.file}:${d.line}`;
      await sys.write(2, `${logTime(sys.now())} [emerg] 1#1: ${msg}\n`);
      return emerg(msg);
    }
  }
  if (args.test) {
    await sys.write(2, `nginx: the configuration file ${args.conf} syntax is ok\nnginx: configuration file ${args.conf} test is successful\n`);
    if (args.dump) await sys.write(1, `# configuration file ${args.conf}:\n${await readFile(sys, args.conf)}\n`);
    return 0;
  }
  if (!master) {
    const fds: number[] = [];
    const seen = new Set<string>();
    for (const s of conf.servers) for (const l of s.listen) {
      const key = `${l.addr}:${l.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fd = sys.socket(AF_INET, SOCK_STREAM);
      for (let attempt = 0; ; attempt++) {
        try { sys.bind(fd, { addr: l.addr, port: l.port }); sys.listen(fd, 511); break; } catch (e) {
          if (!isSysError(e)) throw e;
          const msg = `bind() to ${key} failed (${e.errno}: ${e.errno === 98 ? 'Address already in use' : e.errno === 13 ? 'Permission denied' : 'Cannot assign requested address'})`;
          await sys.write(2, `${logTime(sys.now())} [emerg] ${sys.getpid()}#${sys.getpid()}: ${msg}\n`);
          if (e.errno !== 98) return emerg(msg);
          await sys.write(2, `nginx: [emerg] ${msg}\n`);
          if (attempt === 4) { await sys.write(2, `${logTime(sys.now())} [emerg] ${sys.getpid()}#${sys.getpid()}: still could not bind()\n`); return emerg('still could not bind()'); }
          await sys.sleep(500);
        }
      }
      fds.push(fd);
    }
    const newEnv = [...env.filter((e) => !e.startsWith('NGINX=')), `NGINX=${fds.join(';')};`];
    const newArgv = [`nginx: master process ${arg0}`, ...argv.slice(1)];
    if (conf.daemon) {
      sys.clone({ child: async (c) => { c.setsid(); return execSelf(c, newArgv, newEnv); } });
      return 0;
    }
    return execSelf(sys, newArgv, newEnv);
  }
  return runMaster(sys, conf, env);
};

async function signalMaster(sys: Sys, conf: NginxConf, sig: string): Promise<number> {
  const sigs: Record<string, number> = { stop: SIGTERM, quit: SIGQUIT, reload: SIGHUP, reopen: 10 };
  if (!(sig in sigs)) { await sys.write(2, `nginx: invalid option: "-s ${sig}"\n`); return 1; }
  let pid = NaN;
  try { pid = Number((await readFile(sys, conf.pid)).trim()); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `nginx: [error] open() "${conf.pid}" failed (2: No such file or directory)\n`);
    return 1;
  }
  try { sys.kill(pid, sigs[sig]!); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `nginx: [alert] kill(${pid}, ${sigs[sig]}) failed (3: No such process)\n`);
    return 1;
  }
  return 0;
}

async function cpus(sys: Sys): Promise<number> {
  try {
    const t = await readFile(sys, '/proc/cpuinfo');
    return Math.max(1, (t.match(/^processor/gm) ?? []).length);
  } catch (e) { if (!isSysError(e)) throw e; return 1; }
}

async function runMaster(sys: Sys, conf: NginxConf, env: string[]): Promise<number> {
  const pid = sys.getpid();
  const errFd = openLog(sys, conf.errorLog, 2) ?? 2;
  const w = { sys, pid, errorFd: errFd } as Worker;
  const isAlpine = await readFile(sys, '/etc/os-release').then((s) => s.includes('ID=alpine'), () => false);
  const u = sys.uname();
  await errorLog(w, 'notice', 'using the "epoll" event method');
  await errorLog(w, 'notice', NGINX_VER);
  await errorLog(w, 'notice', `built by gcc ${isAlpine ? '14.2.0 (Alpine 14.2.0)' : '12.2.0 (Debian 12.2.0-14+deb12u1)'} `);
  await errorLog(w, 'notice', `OS: ${u.sysname} ${u.release}`);
  await errorLog(w, 'notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  try {
    const fd = sys.open(conf.pid, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    await sys.write(fd, `${pid}\n`); sys.close(fd);
  } catch (e) { if (!isSysError(e)) throw e; }
  const n = conf.workers === 'auto' ? await cpus(sys) : Math.max(1, Number(conf.workers) || 1);
  await errorLog(w, 'notice', 'start worker processes');
  const workers = new Set<number>();
  const spawn = async () => {
    const child = sys.clone({ comm: 'nginx', child: async (c) => execSelf(c, ['nginx: worker process'], env) });
    workers.add(child);
    await errorLog(w, 'notice', `start worker process ${child}`);
  };
  for (let i = 0; i < n; i++) await spawn();
  const pending: number[] = [];
  let wake: (() => void) | null = null;
  for (const s of [SIGQUIT, SIGTERM, SIGINT, SIGHUP]) sys.sigaction(s, (sig) => { pending.push(sig); wake?.(); }, SA_RESTART);
  let exiting = false;
  let reaper: Promise<{ pid: number; status: { code: number | null; signal: number | null } } | null> | null = null;
  for (;;) {
    reaper ??= sys.wait4(-1).catch((e: unknown) => { if (!isSysError(e)) throw e; return null; });
    const got = await Promise.race([reaper.then((r) => ({ r })), new Promise<null>((res) => { wake = () => res(null); })]);
    wake = null;
    while (pending.length) {
      const sig = pending.shift()!;
      const name = SIG_NAMES[sig] ?? String(sig);
      if (sig === SIGHUP) { await errorLog(w, 'notice', `signal ${sig} (${name}) received, reconfiguring`); continue; }
      await errorLog(w, 'notice', `signal ${sig} (${name}) received, ${sig === SIGQUIT ? 'shutting down' : 'exiting'}`);
      exiting = true;
      for (const c of workers) { try { sys.kill(c, sig === SIGQUIT ? SIGQUIT : SIGTERM); } catch (e) { if (!isSysError(e)) throw e; } }
    }
    if (got) {
      reaper = null;
      const r = got.r;
      if (!r) { if (exiting && !workers.size) break; continue; }
      workers.delete(r.pid);
      await errorLog(w, 'notice', `signal ${SIGCHLD} (SIGCHLD) received from ${r.pid}`);
      if (r.status.signal) await errorLog(w, 'alert', `worker process ${r.pid} exited on signal ${r.status.signal}`);
      else await errorLog(w, 'notice', `worker process ${r.pid} exited with code ${r.status.code ?? 0}`);
      if (!exiting) await spawn();
    }
    if (exiting && !workers.size) break;
  }
  await errorLog(w, 'notice', 'exit');
  try { sys.unlink(conf.pid); } catch (e) { if (!isSysError(e)) throw e; }
  return 0;
}

async function worker(sys: Sys, env: string[]): Promise<number> {
  const fds = fdsFromEnv(env);
  const conf = interpret(await parseConf(sys, '/etc/nginx/nginx.conf').catch(() => []), []);
  const pid = sys.getpid();
  const w: Worker = {
    sys, conf, pid, connections: 0, mime: await mimeTypes(conf), errorFd: openLog(sys, conf.errorLog, 2) ?? 2,
    accessFd: openLog(sys, conf.accessLog, 1), upstreams: new Map(),
  };
  for (const u of conf.http.filter((d) => d.name === 'upstream')) {
    w.upstreams.set(u.args[0]!, { servers: (u.block ?? []).filter((d) => d.name === 'server').map((d) => (d.args[0]!.includes(':') ? d.args[0]! : `${d.args[0]}:80`)), next: 0 });
  }
  if (sys.geteuid() === 0) {
    const user = (await readPasswd(sys)).find((p) => p.name === conf.user);
    if (user) { try { sys.setgroups([]); sys.setgid(user.gid); sys.setuid(user.uid); } catch (e) { if (!isSysError(e)) throw e; } }
  }
  let stop: (sig: number) => void = () => {};
  const stopped = new Promise<number>((res) => { stop = res; });
  for (const s of [SIGQUIT, SIGTERM, SIGINT]) sys.sigaction(s, (sig) => stop(sig), SA_RESTART);
  const ports = fds.map((fd) => { try { const a = sys.getsockname(fd); return 'port' in a ? a.port : 80; } catch { return 80; } });
  const loops = fds.map(async (fd, i) => {
    for (;;) {
      let c: number;
      try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return; }
      void serveConnection(w, c, ports[i]!);
    }
  });
  void loops;
  const sig = await stopped;
  if (sig === SIGQUIT) await errorLog(w, 'notice', 'gracefully shutting down');
  await errorLog(w, 'notice', 'exiting');
  await errorLog(w, 'notice', 'exit');
  return 0;
}
