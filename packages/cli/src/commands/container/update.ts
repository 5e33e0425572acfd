import { minArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { ContainerUpdateBody } from '@dockersim/engine-api';
import { forEachName } from '../util.ts';
import { parseRestartPolicy, OptsError } from './parse-opts.ts';

/** docker update (container/update.go) */
export const update: Command = {
  use: 'update [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Update configuration of one or more containers',
  aliasesText: 'docker container update, docker update',
  flags: {
    'blkio-weight': { type: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' },
    'cpu-period': { type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) period' },
    'cpu-quota': { type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) quota' },
    'cpu-rt-period': { type: 'int', usage: 'Limit the CPU real-time period in microseconds' },
    'cpu-rt-runtime': { type: 'int', usage: 'Limit the CPU real-time runtime in microseconds' },
    'cpu-shares': { type: 'int', short: 'c', usage: 'CPU shares (relative weight)' },
    cpus: { type: 'decimal', usage: 'Number of CPUs' },
    'cpuset-cpus': { type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
    'cpuset-mems': { type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
    memory: { type: 'bytes', short: 'm', usage: 'Memory limit' },
    'memory-reservation': { type: 'bytes', usage: 'Memory soft limit' },
    'memory-swap': { type: 'bytes', usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' },
    'pids-limit': { type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)' },
    restart: { type: 'string', usage: 'Restart policy to apply when a container exits' },
  },
  args: minArgs(1),
  async run(cli, opts, names) {
    const flags = ['blkio-weight', 'cpu-period', 'cpu-quota', 'cpu-rt-period', 'cpu-rt-runtime', 'cpu-shares', 'cpus', 'cpuset-cpus', 'cpuset-mems', 'memory', 'memory-reservation', 'memory-swap', 'pids-limit', 'restart'];
    if (!flags.some((f) => opts.isSet(f))) throw new StatusError('You must provide one or more flags when using this command', 1);
    let restart: ContainerUpdateBody['RestartPolicy'];
    if (opts.isSet('restart')) {
      try { restart = parseRestartPolicy(opts.str('restart')); } catch (e) { if (e instanceof OptsError) throw new StatusError(e.message, 1); throw e; }
    }
    const body: ContainerUpdateBody = {
      BlkioWeight: opts.num('blkio-weight'), CpuShares: opts.num('cpu-shares'), NanoCpus: opts.num('cpus'),
      CpuPeriod: opts.num('cpu-period'), CpuQuota: opts.num('cpu-quota'), CpusetCpus: opts.str('cpuset-cpus'), CpusetMems: opts.str('cpuset-mems'),
      Memory: opts.num('memory'), MemorySwap: opts.num('memory-swap'), MemoryReservation: opts.num('memory-reservation'),
      PidsLimit: opts.isSet('pids-limit') ? opts.num('pids-limit') : null,
      ...(restart ? { RestartPolicy: restart } : {}),
    };
    await forEachName(cli, names, async (n) => {
      const r = await cli.client.containerUpdate(n, body);
      for (const w of r.Warnings ?? []) await cli.err(w + '\n');
    });
  },
};
