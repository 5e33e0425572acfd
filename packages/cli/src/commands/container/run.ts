import { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH, signalNames } from '@dockersim/kernel';
import type { Cli } from '../../cli.ts';
import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Opts } from '../../flags/flagset.ts';
import { JSONMessageError } from '../../format/jsonmessage.ts';
import { createContainer, PullOptError, validatePull } from './create-flow.ts';
import { streamConn } from './hijack.ts';
import { runFlags } from './opts-flags.ts';
import { OptsError, parseContainerOptions } from './parse-opts.ts';

/** docker's withHelp: "docker: ERR\n\nRun 'docker CMD --help' for more information". */
export function withHelp(msg: string, cmd: string): string {
  return `docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information`;
}

/** toStatusError: 127 for a missing executable, 126 for permission, else 125. */
export function toStatusError(msg: string, cmd = 'run'): StatusError {
  let code = 125;
  if (msg.includes('executable file not found') || msg.includes('no such file or directory') || msg.includes('system cannot find the file specified')) code = 127;
  else if (msg.includes('permission denied') || msg.includes('is a directory')) code = 126;
  return new StatusError(withHelp(msg, cmd), code);
}

/** Parses the run/create flags into a request, with docker's 125 errors. */
export async function parseForCreate(cli: Cli, opts: Opts, args: string[], cmd: string) {
  try {
    validatePull(opts.str('pull'));
    return await parseContainerOptions(cli.io, opts, args);
  } catch (e) {
    if (e instanceof OptsError || e instanceof PullOptError) throw new StatusError(withHelp(e.message, cmd), 125);
    throw e;
  }
}

export function errorMessage(cli: Cli, e: unknown): string {
  return e instanceof JSONMessageError ? e.message : cli.errorText(e);
}

/** Keeps the container's TTY the size of ours (MonitorTtySize). */
export function monitorTtySize(cli: Cli, resize: (h: number, w: number) => Promise<void>): () => void {
  const apply = () => {
    const ws = cli.io.winsize(1);
    if (ws) void resize(ws.rows, ws.cols).catch(() => undefined);
  };
  apply();
  return cli.io.onSignal(SIGWINCH, apply);
}

const proxied = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2];

/** docker run (container/run.go) */
export const run: Command = {
  use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  aliasesText: 'docker container run, docker run',
  categoryTop: 1,
  flags: runFlags,
  interspersed: false,
  args: minArgs(1),
  async run(cli, opts, args) {
    const { body, name } = await parseForCreate(cli, opts, args, 'run');
    const detach = opts.bool('detach');
    if (!detach) {
      if (body.AttachStdin && body.Tty && !cli.io.isatty(0)) throw new StatusError('the input device is not a TTY', 1);
    } else {
      if (opts.list('attach').length) throw new StatusError('conflicting options: cannot specify both --attach and --detach', 1);
      body.AttachStdin = false; body.AttachStdout = false; body.AttachStderr = false; body.StdinOnce = false;
    }
    let id: string;
    try {
      id = await createContainer(cli, body, { name, pull: opts.str('pull'), quiet: opts.bool('quiet'), platform: opts.str('platform') });
    } catch (e) { throw toStatusError(errorMessage(cli, e)); }
    const attach = !!(body.AttachStdin || body.AttachStdout || body.AttachStderr);
    const cleanups: (() => void)[] = [];
    if (opts.bool('sig-proxy')) {
      for (const sig of proxied) cleanups.push(cli.io.onSignal(sig, () => { void cli.client.containerKill(id, signalNames[sig]).catch(() => undefined); }));
    }
    try {
      let conn;
      if (attach) {
        try {
          conn = await cli.client.containerAttach(id, { stream: true, stdin: body.AttachStdin, stdout: body.AttachStdout, stderr: body.AttachStderr, detachKeys: opts.str('detach-keys') || undefined });
        } catch (e) { throw new StatusError(cli.errorText(e), 1); }
      }
      let wait;
      try { wait = await cli.client.containerWait(id, body.HostConfig?.AutoRemove ? 'removed' : 'next-exit'); } catch { wait = undefined; }
      try {
        await cli.client.containerStart(id);
      } catch (e) {
        conn?.cancel();
        throw toStatusError(cli.errorText(e));
      }
      if (!attach) { await cli.out(id + '\n'); return 0; }
      if (body.Tty && cli.io.isatty(1)) cleanups.push(monitorTtySize(cli, (h, w) => cli.client.containerResize(id, h, w)));
      const how = await streamConn(cli, conn!, { stdin: !!body.AttachStdin, stdout: !!body.AttachStdout, stderr: !!body.AttachStderr, tty: !!body.Tty, detachKeys: opts.str('detach-keys') });
      if (how === 'escaped') return 0;
      if (!wait) return 125;
      const r = await wait.result.catch(() => ({ StatusCode: 125, Error: null }));
      if (r.Error) return 125;
      return r.StatusCode;
    } finally {
      for (const c of cleanups) c();
    }
  },
};
