import type { NetworkInspect } from '@dockersim/engine-api';
import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { formatWrite } from '../../format/context.ts';
import { FORMAT_HELP } from '../help-texts.ts';
import { naturalLess } from '../volume/ls.ts';
import { apiFail, filtersOf } from '../util.ts';
import { rfc3339ToGoTime } from './time.ts';

export const networkHeader: Record<string, string> = {
  ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL',
  Labels: 'LABELS', CreatedAt: 'CREATED AT',
};

/** formatter's networkContext */
export class NetworkContext {
  readonly goType = '*network.networkContext';
  constructor(private readonly n: NetworkInspect, private readonly trunc: boolean) { Object.defineProperty(this, 'goType', { enumerable: false }); }
  ID(): string { return this.trunc ? this.n.Id.slice(0, 12) : this.n.Id; }
  Name(): string { return this.n.Name; }
  Driver(): string { return this.n.Driver; }
  Scope(): string { return this.n.Scope; }
  IPv4(): string { return String(this.n.EnableIPv4); }
  IPv6(): string { return String(this.n.EnableIPv6); }
  Internal(): string { return String(this.n.Internal); }
  Labels(): string { return Object.entries(this.n.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','); }
  Label(name: string): string { return this.n.Labels?.[name] ?? ''; }
  CreatedAt(): string { return rfc3339ToGoTime(this.n.Created); }
  marshalJSON(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const k of ['CreatedAt', 'Driver', 'ID', 'IPv4', 'IPv6', 'Internal', 'Labels', 'Name', 'Scope'] as const) o[k] = this[k]();
    return o;
  }
}

/** docker network ls (network/list.go) */
export const networkLs: Command = {
  use: 'ls [OPTIONS]',
  short: 'List networks',
  aliases: ['list'],
  aliasesText: 'docker network ls, docker network list',
  flags: {
    filter: { type: 'filter', short: 'f', usage: 'Provide filter values (e.g. "driver=bridge")' },
    format: { type: 'string', usage: FORMAT_HELP },
    'no-trunc': { type: 'bool', usage: 'Do not truncate the output' },
    quiet: { type: 'bool', short: 'q', usage: 'Only display network IDs' },
  },
  args: noArgs,
  async run(cli, opts) {
    let list;
    try { list = await cli.client.networkList({ filters: filtersOf(opts.list('filter')) }); } catch (e) { apiFail(cli, e); }
    list = [...list].sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
    const source = opts.str('format') || 'table';
    const quiet = opts.bool('quiet');
    const format = source === 'table' ? (quiet ? '{{.ID}}' : 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}')
      : source === 'raw' ? (quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n') : source;
    try { await cli.out(formatWrite(format, networkHeader, list.map((n) => new NetworkContext(n, !opts.bool('no-trunc'))))); } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};
