import { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, signalNames } from '@dockersim/kernel';
import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import { streamConn } from './hijack.ts';
import { monitorTtySize } from './run.ts';

/** docker start (container/start.go) */
export const start: Command = {
  use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  aliasesText: 'docker container start, docker start',
  flags: {
    attach: { type: 'bool', short: 'a', usage: 'Attach STDOUT/STDERR and forward signals' },
    checkpoint: { type: 'string', usage: 'Restore from this checkpoint', annotations: { experimental: '', ostype: 'linux' } },
    'checkpoint-dir': { type: 'string', usage: 'Use a custom checkpoint storage directory', annotations: { experimental: '', ostype: 'linux' } },
    'detach-keys': { type: 'string', usage: 'Override the key sequence for detaching a container' },
    interactive: { type: 'bool', short: 'i', usage: "Attach container's STDIN" },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    if (opts.bool('attach') || opts.bool('interactive')) {
      if (names.length > 1) throw new StatusError('you cannot start and attach multiple containers at once', 1);
      const fail = (e: unknown): never => { throw new StatusError(cli.errorText(e), 1); };
      const c = await cli.client.containerInspect(names[0]).catch(fail);
      const cleanups: (() => void)[] = [];
      if (!c.Config.Tty) {
        for (const sig of [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2]) {
          cleanups.push(cli.io.onSignal(sig, () => { void cli.client.containerKill(c.Id, signalNames[sig]).catch(() => undefined); }));
        }
      }
      try {
        const stdin = opts.bool('interactive') && !!c.Config.OpenStdin;
        const conn = await cli.client.containerAttach(c.Id, { stream: true, stdin, stdout: true, stderr: true, detachKeys: opts.str('detach-keys') || undefined }).catch(fail);
        const wait = await cli.client.containerWait(c.Id, c.HostConfig.AutoRemove ? 'removed' : 'next-exit').catch(() => undefined);
        try { await cli.client.containerStart(c.Id); } catch (e) { conn.cancel(); fail(e); }
        if (c.Config.Tty && cli.io.isatty(1)) cleanups.push(monitorTtySize(cli, (h, w) => cli.client.containerResize(c.Id, h, w)));
        const how = await streamConn(cli, conn, { stdin, stdout: true, stderr: true, tty: !!c.Config.Tty, detachKeys: opts.str('detach-keys') });
        if (how === 'escaped') return 0;
        const r = wait ? await wait.result.catch(() => ({ StatusCode: 125, Error: null })) : { StatusCode: 125, Error: null };
        return r.Error ? 125 : r.StatusCode;
      } finally { for (const f of cleanups) f(); }
    }
    const failed: string[] = [];
    for (const n of names) {
      try { await cli.client.containerStart(n); } catch (e) { await cli.err(cli.errorText(e) + '\n'); failed.push(n); continue; }
      await cli.out(n + '\n');
    }
    if (failed.length) throw new StatusError(`Error: failed to start containers: ${failed.join(', ')}`, 1);
  },
};
