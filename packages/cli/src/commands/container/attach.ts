import { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, signalNames } from '@dockersim/kernel';
import type { ContainerInspect } from '@dockersim/engine-api';
import type { Cli } from '../../cli.ts';
import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import { streamConn } from './hijack.ts';
import { monitorTtySize } from './run.ts';

const proxied = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2];

/** inspectContainerAndCheckState: only a running, unpaused container can be attached to. */
async function inspectRunning(cli: Cli, ref: string): Promise<ContainerInspect> {
  const c = await cli.client.containerInspect(ref);
  if (!c.State.Running) throw new Error('You cannot attach to a stopped container, start it first');
  if (c.State.Paused) throw new Error('You cannot attach to a paused container, unpause it first');
  if (c.State.Restarting) throw new Error('You cannot attach to a restarting container, wait until it is running');
  return c;
}

/** docker attach (container/attach.go) */
export const attach: Command = {
  use: 'attach [OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  aliasesText: 'docker container attach, docker attach',
  flags: {
    'detach-keys': { type: 'string', usage: 'Override the key sequence for detaching a container' },
    'no-stdin': { type: 'bool', usage: 'Do not attach STDIN' },
    'sig-proxy': { type: 'bool', usage: 'Proxy all received signals to the process', defValue: 'true', default: true },
  },
  args: exactArgs(1),
  async run(cli, opts, [ref]) {
    // The wait goes in first, so an exit while attaching is not missed; its
    // own errors (no such container) only matter at the end.
    const wait = cli.client.containerWait(ref, 'not-running');
    wait.catch(() => undefined);
    const c = await inspectRunning(cli, ref);
    const noStdin = opts.bool('no-stdin');
    const tty = !!c.Config.Tty;
    if (tty && !noStdin && !cli.io.isatty(0)) throw new Error('the input device is not a TTY');
    const detachKeys = opts.str('detach-keys') || undefined;
    const stdin = !noStdin && !!c.Config.OpenStdin;
    const cleanups: (() => void)[] = [];
    try {
      if (opts.bool('sig-proxy') && !tty) {
        for (const sig of proxied) {
          cleanups.push(cli.io.onSignal(sig, () => { void cli.client.containerKill(ref, signalNames[sig]).catch(() => undefined); }));
        }
      }
      const conn = await cli.client.containerAttach(ref, { stream: true, stdin, stdout: true, stderr: true, detachKeys });
      cleanups.push(() => conn.cancel());
      // It may have stopped between the first look and the attach.
      await inspectRunning(cli, ref);
      if (tty && cli.io.isatty(1)) {
        // one row and column more first, so a re-attached shell redraws its prompt
        const ws = cli.io.winsize(1);
        if (ws) await cli.client.containerResize(ref, ws.rows + 1, ws.cols + 1).catch(() => undefined);
        cleanups.push(monitorTtySize(cli, (h, w) => cli.client.containerResize(ref, h, w)));
      }
      const how = await streamConn(cli, conn, { stdin, stdout: true, stderr: true, tty, detachKeys });
      if (how === 'escaped') throw new Error('read escape sequence');
      const r = await (await wait).result;
      if (r.Error) throw new Error(r.Error.Message);
      if (r.StatusCode !== 0) throw new StatusError('', r.StatusCode);
      return 0;
    } finally {
      for (const f of cleanups) f();
    }
  },
};
