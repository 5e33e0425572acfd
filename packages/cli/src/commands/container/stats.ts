// docker stats (container/stats.go, stats_helpers.go, formatter/stats.go):
// one stats stream per container; CPU % from the usage delta over the host's
// CPU time delta, memory without the inactive page cache, sizes as go-units
// prints them. --no-stream prints one table; otherwise the table redraws
// every second (each sample spans one) until interrupted.

import { SIGINT, SIGTERM } from '@dockersim/kernel';
import type { StatsResponse } from '@dockersim/engine-api';
import { StatusError, type Command } from '../../cobra/command.ts';
import { formatWrite } from '../../format/context.ts';
import { bytesSize, humanSizeWithPrecision } from '@dockersim/image';
import { FORMAT_HELP } from '../help-texts.ts';

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
const HEADER = { Container: 'CONTAINER', ID: 'CONTAINER ID', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS' };

interface Entry { container: string; name: string; id: string; cpu: number; mem: number; limit: number; memPct: number; rx: number; tx: number; br: number; bw: number; pids: number; invalid: boolean }

function entryOf(container: string, s: StatsResponse): Entry {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats.online_cpus ?? 0;
  const cpu = sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * cpus * 100 : 0;
  const usage = s.memory_stats.usage ?? 0;
  const inactive = s.memory_stats.stats?.inactive_file;
  const mem = inactive !== undefined && inactive < usage ? usage - inactive : usage;
  const limit = s.memory_stats.limit ?? 0;
  let rx = 0, tx = 0, br = 0, bw = 0;
  for (const n of Object.values(s.networks ?? {})) { rx += n.rx_bytes; tx += n.tx_bytes; }
  for (const b of s.blkio_stats.io_service_bytes_recursive ?? []) { if (b.op.toLowerCase() === 'read') br += b.value; if (b.op.toLowerCase() === 'write') bw += b.value; }
  return { container, name: s.name.replace(/^\//, ''), id: s.id, cpu, mem, limit, memPct: limit ? (mem / limit) * 100 : 0, rx, tx, br, bw, pids: s.pids_stats.current ?? 0, invalid: s.read.startsWith('0001-') };
}

class StatsContext {
  constructor(private readonly e: Entry, private readonly trunc: boolean) {}
  Container() { return this.e.container; }
  Name() { return this.e.invalid && !this.e.name ? '--' : this.e.name; }
  ID() { return this.trunc ? this.e.id.slice(0, 12) : this.e.id; }
  CPUPerc() { return this.e.invalid ? '--' : `${this.e.cpu.toFixed(2)}%`; }
  MemUsage() { return this.e.invalid ? '-- / --' : `${bytesSize(this.e.mem)} / ${bytesSize(this.e.limit)}`; }
  MemPerc() { return this.e.invalid ? '--' : `${this.e.memPct.toFixed(2)}%`; }
  NetIO() { return this.e.invalid ? '--' : `${humanSizeWithPrecision(this.e.rx, 3)} / ${humanSizeWithPrecision(this.e.tx, 3)}`; }
  BlockIO() { return this.e.invalid ? '--' : `${humanSizeWithPrecision(this.e.br, 3)} / ${humanSizeWithPrecision(this.e.bw, 3)}`; }
  PIDs() { return this.e.invalid ? '--' : String(this.e.pids); }
}

async function one(cli: Parameters<NonNullable<Command['run']>>[0], name: string): Promise<Entry> {
  const stream = await cli.client.containerStats(name, { stream: false });
  let text = '';
  for (let b = await stream.read(); b; b = await stream.read()) text += new TextDecoder().decode(b);
  return entryOf(name, JSON.parse(text.trim().split('\n').pop()!) as StatsResponse);
}

export const stats: Command = {
  use: 'stats [OPTIONS] [CONTAINER...]',
  short: 'Display a live stream of container(s) resource usage statistics',
  aliasesText: 'docker container stats, docker stats',
  flags: {
    all: { type: 'bool', short: 'a', usage: 'Show all containers (default shows just running)' },
    format: { type: 'string', usage: FORMAT_HELP },
    'no-stream': { type: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    'no-trunc': { type: 'bool', usage: 'Do not truncate output' },
  },
  async run(cli, opts, names) {
    const format = opts.str('format') || DEFAULT_FORMAT;
    const listed = names.length === 0;
    const targets = async (): Promise<string[]> => {
      if (!listed) return names;
      const list = await cli.client.containerList({ all: opts.bool('all') });
      return list.map((c) => c.Id);
    };
    const render = async (): Promise<string> => {
      const rows: StatsContext[] = [];
      const errs: string[] = [];
      const ids = await targets();
      const entries = await Promise.all(ids.map((n) => one(cli, n).catch((e) => { errs.push(cli.errorText(e)); return null; })));
      for (const e of entries) if (e) rows.push(new StatsContext(e, !opts.bool('no-trunc')));
      if (errs.length && !listed) throw new StatusError(errs.join('\n'), 1);
      return formatWrite(format, HEADER, rows);
    };
    if (opts.bool('no-stream')) {
      let out: string;
      try { out = await render(); } catch (e) { if (e instanceof StatusError) throw e; throw new StatusError(cli.errorText(e), 1); }
      await cli.out(out);
      return;
    }
    let stop = false;
    const offs = [SIGINT, SIGTERM].map((s) => cli.io.onSignal(s, () => { stop = true; }));
    try {
      while (!stop) {
        let out: string;
        try { out = await render(); } catch (e) { if (e instanceof StatusError) throw e; throw new StatusError(cli.errorText(e), 1); }
        await cli.out('\x1b[2J\x1b[H' + out);
      }
    } finally { for (const off of offs) off(); }
  },
};
