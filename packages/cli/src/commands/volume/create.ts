import { maxArgs, StatusError, type Command } from '../../cobra/command.ts';
import { apiFail } from '../util.ts';

/** docker volume create (volume/create.go) */
export const volumeCreate: Command = {
  use: 'create [OPTIONS] [VOLUME]',
  short: 'Create a volume',
  flags: {
    availability: { type: 'string', usage: 'Cluster Volume availability ("active", "pause", "drain")', default: 'active', defValue: 'active', annotations: { version: '1.42', swarm: 'manager' } },
    driver: { type: 'string', short: 'd', usage: 'Specify volume driver name', default: 'local', defValue: 'local' },
    group: { type: 'string', usage: 'Cluster Volume group (cluster volumes)', annotations: { version: '1.42', swarm: 'manager' } },
    label: { type: 'list', usage: 'Set metadata for a volume' },
    'limit-bytes': { type: 'bytes', usage: 'Minimum size of the Cluster Volume in bytes', annotations: { version: '1.42', swarm: 'manager' } },
    name: { type: 'string', usage: 'Specify volume name', hidden: true },
    opt: { type: 'map', short: 'o', usage: 'Set driver specific options', defValue: 'map[]' },
    'required-bytes': { type: 'bytes', usage: 'Maximum size of the Cluster Volume in bytes', annotations: { version: '1.42', swarm: 'manager' } },
    scope: { type: 'string', usage: 'Cluster Volume access scope ("single", "multi")', default: 'single', defValue: 'single', annotations: { version: '1.42', swarm: 'manager' } },
    secret: { type: 'map', usage: 'Cluster Volume secrets', defValue: 'map[]', annotations: { version: '1.42', swarm: 'manager' } },
    sharing: { type: 'string', usage: 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")', default: 'none', defValue: 'none', annotations: { version: '1.42', swarm: 'manager' } },
    'topology-preferred': { type: 'list', usage: 'A topology that the Cluster Volume would be preferred in', annotations: { version: '1.42', swarm: 'manager' } },
    'topology-required': { type: 'list', usage: 'A topology that the Cluster Volume must be accessible from', annotations: { version: '1.42', swarm: 'manager' } },
    type: { type: 'string', usage: 'Cluster Volume access type ("mount", "block")', default: 'block', defValue: 'block', annotations: { version: '1.42', swarm: 'manager' } },
  },
  args: maxArgs(1),
  async run(cli, opts, args) {
    let name = opts.str('name');
    if (args.length === 1) {
      if (name) throw new StatusError('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
      name = args[0];
    }
    const labels: Record<string, string> = {};
    for (const l of opts.list('label')) { const i = l.indexOf('='); labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1); }
    let vol;
    try {
      vol = await cli.client.volumeCreate({ Driver: opts.str('driver'), DriverOpts: opts.map('opt'), Labels: labels, Name: name });
    } catch (e) { apiFail(cli, e); }
    await cli.out(vol.Name + '\n');
  },
};
