// The runc command line: global flags (--root, --log, --log-format,
// --systemd-cgroup), then a subcommand with its own flags, as urfave/cli
// parses them. Errors are logged through logrus (to --log, as JSON lines when
// --log-format json, which the shim reads back) and also printed on stderr
// when the log is not stderr; the exit status is 1 (255 for exec).

import { O_WRONLY, O_CREAT, O_APPEND, O_CLOEXEC, isSysError } from '@dockersim/kernel';
import type { ProcessContext, Program, Sys } from '@dockersim/kernel';
import { RuncError, goErr } from './sysio.ts';
import { logrusJson, logrusText, logrusTty } from './goformat.ts';
import { create } from './create.ts';
import { start, kill, del, pause } from './lifecycle.ts';
import { state, list, ps } from './query.ts';
import { exec } from './exec.ts';
import { update } from './update.ts';
import { run } from './run.ts';

export const DEFAULT_ROOT = '/run/runc';
export const RUNC_VERSION = '1.2.5';

interface Flags { values: Map<string, string[]>; bools: Set<string>; args: string[] }

/** Flag names (with aliases) that take a value, per command ('' = global). */
const VALUE_FLAGS: Record<string, Record<string, string>> = {
  '': { root: 'root', log: 'log', 'log-format': 'log-format', criu: 'criu' },
  create: { bundle: 'bundle', b: 'bundle', 'pid-file': 'pid-file', 'console-socket': 'console-socket', 'preserve-fds': 'preserve-fds' },
  run: { bundle: 'bundle', b: 'bundle', 'pid-file': 'pid-file', 'console-socket': 'console-socket' },
  exec: { process: 'process', p: 'process', 'pid-file': 'pid-file', 'console-socket': 'console-socket', cwd: 'cwd', env: 'env', e: 'env', user: 'user', u: 'user', 'additional-gids': 'additional-gids', g: 'additional-gids', 'process-label': 'process-label', cap: 'cap', c: 'cap', 'preserve-fds': 'preserve-fds', cgroup: 'cgroup' },
  list: { format: 'format', f: 'format' },
  ps: { format: 'format', f: 'format' },
  update: {
    resources: 'resources', r: 'resources', 'blkio-weight': 'blkio-weight', 'cpu-period': 'cpu-period', 'cpu-quota': 'cpu-quota',
    'cpu-burst': 'cpu-burst', 'cpu-share': 'cpu-share', 'cpu-rt-period': 'cpu-rt-period', 'cpu-rt-runtime': 'cpu-rt-runtime',
    'cpuset-cpus': 'cpuset-cpus', 'cpuset-mems': 'cpuset-mems', memory: 'memory', 'memory-reservation': 'memory-reservation',
    'memory-swap': 'memory-swap', 'pids-limit': 'pids-limit', 'cpu-idle': 'cpu-idle', 'l3-cache-schema': 'l3-cache-schema', 'mem-bw-schema': 'mem-bw-schema',
  },
};
const BOOL_FLAGS: Record<string, Record<string, string>> = {
  '': { debug: 'debug', 'systemd-cgroup': 'systemd-cgroup', rootless: 'rootless', help: 'help', h: 'help', version: 'version', v: 'version' },
  create: { 'no-pivot': 'no-pivot', 'no-new-keyring': 'no-new-keyring' },
  run: { detach: 'detach', d: 'detach', keep: 'keep', 'no-subreaper': 'no-subreaper', 'no-pivot': 'no-pivot', 'no-new-keyring': 'no-new-keyring' },
  exec: { detach: 'detach', d: 'detach', tty: 'tty', t: 'tty', 'no-new-privs': 'no-new-privs', 'ignore-paused': 'ignore-paused' },
  delete: { force: 'force', f: 'force' },
  kill: { all: 'all', a: 'all' },
  list: { quiet: 'quiet', q: 'quiet' },
};

/**
 * Parses flags until the first positional argument when `stopAtArg` (global
 * flags, exec's command), else anywhere before "--".
 */
function parseFlags(cmd: string, argv: string[], stopAfter: number): Flags {
  const vf = VALUE_FLAGS[cmd] ?? {}, bf = BOOL_FLAGS[cmd] ?? {};
  const f: Flags = { values: new Map(), bools: new Set(), args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (f.args.length >= stopAfter || a === '--') { f.args.push(...argv.slice(a === '--' && f.args.length < stopAfter ? i + 1 : i)); break; }
    if (a.length > 1 && a[0] === '-') {
      const body = a.replace(/^--?/, '');
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      if (vf[name]) {
        const v = eq >= 0 ? body.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new RuncError(`flag needs an argument: ${a}`);
        const key = vf[name]!;
        const list = f.values.get(key);
        if (list) list.push(v); else f.values.set(key, [v]);
        continue;
      }
      if (bf[name]) {
        if (eq < 0 || body.slice(eq + 1) === 'true') f.bools.add(bf[name]!);
        continue;
      }
      throw new RuncError(`flag provided but not defined: -${name}`);
    }
    f.args.push(a);
  }
  return f;
}

const one = (f: Flags, k: string): string | undefined => f.values.get(k)?.at(-1);

class Logger {
  constructor(private readonly sys: Sys, private readonly fd: number, private readonly json: boolean, private readonly tty: boolean, private readonly started: number) {}
  async error(msg: string): Promise<void> {
    const now = this.sys.now();
    const line = this.json ? logrusJson('error', msg, now) : this.tty ? logrusTty('error', msg, this.sys.uptime() - this.started) : logrusText('error', msg, now);
    await this.sys.write(this.fd, line);
  }
  get toStderr(): boolean { return this.fd === 2; }
}

function argsCheck(argv0: string, cmd: string, n: number, kind: 'exact' | 'min' | 'max', got: number): void {
  const bad = kind === 'exact' ? got !== n : kind === 'min' ? got < n : got > n;
  if (!bad) return;
  const what = kind === 'exact' ? 'exactly' : kind === 'min' ? 'a minimum of' : 'a maximum of';
  throw new RuncError(`${argv0}: "${cmd}" requires ${what} ${n} argument(s)`);
}

export const runc: Program = async ({ sys, argv, env }: ProcessContext) => {
  const started = sys.uptime();
  const argv0 = argv[0] ?? 'runc';
  let logger = new Logger(sys, 2, false, safeIsatty(sys, 2), started);
  let cmd = '';
  try {
    const g = parseFlags('', argv.slice(1), 1);
    if (g.bools.has('version')) { await sys.write(1, `runc version ${RUNC_VERSION}\ncommit: v${RUNC_VERSION}-0-g59923ef\nspec: 1.2.0\ngo: go1.22.12\nlibseccomp: 2.5.5\n`); return 0; }
    const logPath = one(g, 'log');
    const logFormat = one(g, 'log-format') ?? 'text';
    if (logFormat !== 'text' && logFormat !== 'json') throw new RuncError(`invalid log-format: ${logFormat}`);
    if (logPath) {
      let fd: number;
      try { fd = sys.open(logPath, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o644); } catch (e) { throw new RuncError(goErr(e, 'open', logPath)); }
      logger = new Logger(sys, fd, logFormat === 'json', false, started);
    } else if (logFormat === 'json') logger = new Logger(sys, 2, true, false, started);
    const rootSet = g.values.has('root');
    const root = one(g, 'root') ?? DEFAULT_ROOT;
    const systemd = g.bools.has('systemd-cgroup');
    cmd = g.args[0] ?? '';
    const rest = g.args.slice(1);
    switch (cmd) {
      case 'create': {
        const f = parseFlags('create', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        try {
          await create(sys, { root, id: f.args[0]!, bundle: one(f, 'bundle') ?? '', pidFile: one(f, 'pid-file'), systemdCgroup: systemd, consoleSocket: one(f, 'console-socket') });
        } catch (e) { throw new RuncError(`runc create failed: ${e instanceof RuncError ? e.message : goErr(e)}`); }
        return 0;
      }
      case 'run': {
        const f = parseFlags('run', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        try {
          return await run(sys, { root, id: f.args[0]!, bundle: one(f, 'bundle') ?? '', pidFile: one(f, 'pid-file'), systemdCgroup: systemd, consoleSocket: one(f, 'console-socket'), detach: f.bools.has('detach') });
        } catch (e) { throw new RuncError(`runc run failed: ${e instanceof RuncError ? e.message : goErr(e)}`); }
      }
      case 'start': {
        const f = parseFlags('start', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        await start(sys, root, f.args[0]!);
        return 0;
      }
      case 'kill': {
        const f = parseFlags('kill', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'min', f.args.length);
        argsCheck(argv0, cmd, 2, 'max', f.args.length);
        await kill(sys, root, f.args[0]!, f.args[1] ?? 'SIGTERM', f.bools.has('all'));
        return 0;
      }
      case 'delete': {
        const f = parseFlags('delete', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        await del(sys, root, f.args[0]!, f.bools.has('force'));
        return 0;
      }
      case 'state': {
        const f = parseFlags('state', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        await sys.write(1, await state(sys, root, f.args[0]!));
        return 0;
      }
      case 'list': {
        const f = parseFlags('list', rest, Infinity);
        argsCheck(argv0, cmd, 0, 'exact', f.args.length);
        const out = await list(sys, root, rootSet, one(f, 'format') ?? 'table', f.bools.has('quiet'), async (s) => { await sys.write(2, s); });
        if (out) await sys.write(1, out);
        return 0;
      }
      case 'ps': {
        const f = parseFlags('ps', rest, 1);
        argsCheck(argv0, cmd, 1, 'min', f.args.length);
        await sys.write(1, await ps(sys, root, f.args[0]!, one(f, 'format') ?? 'table', f.args.slice(1), env));
        return 0;
      }
      case 'pause': case 'resume': {
        const f = parseFlags(cmd, rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        await pause(sys, root, f.args[0]!, cmd === 'pause');
        return 0;
      }
      case 'update': {
        const f = parseFlags('update', rest, Infinity);
        argsCheck(argv0, cmd, 1, 'exact', f.args.length);
        const values = new Map<string, string>();
        for (const [k, v] of f.values) values.set(k, v.at(-1)!);
        await update(sys, root, f.args[0]!, { resources: values.get('resources'), values });
        return 0;
      }
      case 'exec': {
        const f = parseFlags('exec', rest, 1);
        argsCheck(argv0, cmd, 1, 'min', f.args.length);
        const pf = one(f, 'process');
        return await exec(sys, {
          root, id: f.args[0]!, processFile: pf, args: f.args.slice(1), env: f.values.get('env') ?? [],
          cwd: one(f, 'cwd'), user: one(f, 'user'),
          additionalGids: (f.values.get('additional-gids') ?? []).map(Number),
          tty: f.bools.has('tty'), detach: f.bools.has('detach'), pidFile: one(f, 'pid-file'), consoleSocket: one(f, 'console-socket'),
        });
      }
      case '': {
        await sys.write(1, `NAME:\n   runc - Open Container Initiative runtime\n\nUSAGE:\n   runc [global options] command [command options] [arguments...]\n`);
        return 0;
      }
      default:
        await sys.write(2, `No help topic for '${cmd}'\n`);
        return 3;
    }
  } catch (e) {
    const msg = e instanceof RuncError ? e.message : isSysError(e) ? goErr(e) : e instanceof Error ? e.message : String(e);
    try { await logger.error(msg); } catch { /* log not writable */ }
    if (!logger.toStderr) await sys.write(2, msg + '\n').catch(() => 0);
    return e instanceof RuncError ? e.exitCode : 1;
  }
};

function safeIsatty(sys: Sys, fd: number): boolean {
  try { return sys.isatty(fd); } catch { return false; }
}
