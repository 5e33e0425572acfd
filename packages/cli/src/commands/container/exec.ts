import type { ExecConfig } from '@dockersim/engine-api';
import { SIGWINCH } from '@dockersim/kernel';
import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { streamConn } from './hijack.ts';
import { OptsError } from './parse-opts.ts';

async function readEnv(cli: Parameters<NonNullable<Command['run']>>[0], files: string[], values: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    let text: string;
    try { text = await cli.io.readFile(f); } catch { throw new OptsError(`open ${f}: no such file or directory`); }
    for (const l of text.split('\n')) {
      const line = l.trim();
      if (!line || line.startsWith('#')) continue;
      if (line.includes('=')) out.push(line); else if (cli.io.env[line] !== undefined) out.push(`${line}=${cli.io.env[line]}`);
    }
  }
  for (const v of values) out.push(!v.includes('=') && cli.io.env[v] !== undefined ? `${v}=${cli.io.env[v]}` : v);
  return out;
}

/** docker exec (container/exec.go) */
export const exec: Command = {
  use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  aliasesText: 'docker container exec, docker exec',
  categoryTop: 2,
  interspersed: false,
  flags: {
    detach: { type: 'bool', short: 'd', usage: 'Detached mode: run command in the background' },
    'detach-keys': { type: 'string', usage: 'Override the key sequence for detaching a container' },
    env: { type: 'list', short: 'e', usage: 'Set environment variables', annotations: { version: '1.25' } },
    'env-file': { type: 'list', usage: 'Read in a file of environment variables', annotations: { version: '1.25' } },
    interactive: { type: 'bool', short: 'i', usage: 'Keep STDIN open even if not attached' },
    privileged: { type: 'bool', usage: 'Give extended privileges to the command' },
    tty: { type: 'bool', short: 't', usage: 'Allocate a pseudo-TTY' },
    user: { type: 'string', short: 'u', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    workdir: { type: 'string', short: 'w', usage: 'Working directory inside the container', annotations: { version: '1.35' } },
  },
  args: minArgs(2),
  async run(cli, opts, [name, ...cmd]) {
    const fail = (e: unknown): never => { throw new StatusError(cli.errorText(e), 1); };
    const detach = opts.bool('detach');
    let env: string[];
    try { env = await readEnv(cli, opts.list('env-file'), opts.list('env')); } catch (e) { throw new StatusError((e as Error).message, 1); }
    const cfg: ExecConfig = {
      User: opts.str('user'), Privileged: opts.bool('privileged'), Tty: opts.bool('tty'), Cmd: cmd,
      WorkingDir: opts.str('workdir'), Env: env,
      AttachStdout: !detach, AttachStderr: !detach, AttachStdin: !detach && opts.bool('interactive'),
      DetachKeys: opts.str('detach-keys') || undefined,
    };
    await cli.client.containerInspect(name).catch(fail);
    if (!detach && cfg.AttachStdin && cfg.Tty && !cli.io.isatty(0)) throw new StatusError('the input device is not a TTY', 1);
    if (cfg.Tty) { const ws = cli.io.isatty(1) ? cli.io.winsize(1) : undefined; cfg.ConsoleSize = ws ? [ws.rows, ws.cols] : [0, 0]; }
    const { Id: execId } = await cli.client.execCreate(name, cfg).catch(fail);
    if (detach) { await cli.client.execStart(execId, { Detach: true, Tty: cfg.Tty }).catch(fail); return 0; }
    const conn = await cli.client.execStart(execId, { Tty: cfg.Tty, ConsoleSize: cfg.ConsoleSize ?? undefined }).catch(fail);
    if (!conn) return 0;
    let stopResize: (() => void) | undefined;
    if (cfg.Tty && cli.io.isatty(0)) {
      const apply = () => { const ws = cli.io.winsize(1); if (ws) void cli.client.execResize(execId, ws.rows, ws.cols).catch(() => undefined); };
      apply();
      stopResize = cli.io.onSignal(SIGWINCH, apply);
    }
    try {
      const how = await streamConn(cli, conn, { stdin: !!cfg.AttachStdin, stdout: true, stderr: true, tty: !!cfg.Tty, detachKeys: cfg.DetachKeys });
      if (how === 'escaped') return 0;
    } finally { stopResize?.(); }
    const r = await cli.client.execInspect(execId).catch(fail);
    return r.ExitCode ?? 0;
  },
};
