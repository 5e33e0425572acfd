import { Demuxer, STDERR, STDOUT } from '@dockersim/engine-api';
import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import { getTimestamp } from '../../format/timestamp.ts';

/** docker logs (container/logs.go): raw for a TTY container, demultiplexed otherwise. */
export const logs: Command = {
  use: 'logs [OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  aliasesText: 'docker container logs, docker logs',
  flags: {
    details: { type: 'bool', usage: 'Show extra details provided to logs' },
    follow: { type: 'bool', short: 'f', usage: 'Follow log output' },
    since: { type: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    tail: { type: 'string', short: 'n', usage: 'Number of lines to show from the end of the logs', defValue: 'all', default: 'all' },
    timestamps: { type: 'bool', short: 't', usage: 'Show timestamps' },
    until: { type: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)', annotations: { version: '1.35' } },
  },
  args: exactArgs(1),
  async run(cli, opts, [name]) {
    const fail = (e: unknown): never => { throw new StatusError(cli.errorText(e), 1); };
    const c = await cli.client.containerInspect(name).catch(fail);
    // the Go client turns dates and durations into Unix timestamps before the request
    const stamp = (flag: 'since' | 'until'): string | undefined => {
      const v = opts.str(flag);
      if (!v) return undefined;
      try { return getTimestamp(v, cli.io.now()); } catch (e) { throw new StatusError(`invalid value for "${flag}": ${(e as Error).message}`, 1); }
    };
    const since = stamp('since'), until = stamp('until');
    const stream = await cli.client.containerLogs(c.Id, {
      stdout: true, stderr: true, since, until,
      timestamps: opts.bool('timestamps'), follow: opts.bool('follow'), tail: opts.str('tail'), details: opts.bool('details'),
    }).catch(fail);
    if (c.Config.Tty) {
      for (let b = await stream.read(); b; b = await stream.read()) await cli.out(b);
      return;
    }
    const pending: [number, Uint8Array][] = [];
    const demux = new Demuxer((s, p) => pending.push([s, p.slice()]));
    for (let b = await stream.read(); b; b = await stream.read()) {
      demux.push(b);
      for (const [s, p] of pending.splice(0)) {
        if (s === STDOUT) await cli.out(p); else if (s === STDERR) await cli.err(p);
      }
    }
  },
};
