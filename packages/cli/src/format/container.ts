// The columns of `docker ps` (formatter/container.go): each method is a field
// templates can use ({{.ID}}, {{.Names}}, {{.RunningFor}}, {{.Label "x"}}).

import type { ContainerSummary, Port } from '@dockersim/engine-api';
import { formatGoQuote } from './quote.ts';
import { ellipsis, goTimeString, truncateID } from './context.ts';
import { humanDuration, humanSizeWithPrecision } from '@dockersim/image';
import { familiarImage } from './reference.ts';

export const DEFAULT_CONTAINER_TABLE_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

export const containerHeader: Record<string, string> = {
  ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS',
  Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};

/** NewContainerFormat */
export function containerFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === 'table' || source === '') {
    if (quiet) return '{{.ID}}';
    return DEFAULT_CONTAINER_TABLE_FORMAT + (size ? '\\t{{.Size}}' : '');
  }
  if (source === 'raw') {
    if (quiet) return 'container_id: {{.ID}}';
    return 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n' + (size ? 'size: {{.Size}}\\n' : '');
  }
  return quiet ? '{{.ID}}' : source;
}

export class ContainerContext {
  readonly goType = '*formatter.ContainerContext';
  constructor(private readonly c: ContainerSummary, private readonly trunc: boolean, private readonly now: number) {
    Object.defineProperty(this, 'goType', { enumerable: false });
  }
  ID(): string { return this.trunc ? truncateID(this.c.Id) : this.c.Id; }
  Names(): string {
    let names = (this.c.Names ?? []).map((n) => n.slice(1));
    if (this.trunc) {
      const plain = names.find((n) => n.split('/').length === 1);
      if (plain !== undefined) names = [plain];
    }
    return names.join(',');
  }
  Image(): string {
    const img = this.c.Image;
    if (!img) return '<no image>';
    if (this.trunc) {
      const t = truncateID(this.c.ImageID ?? '');
      if (t === truncateID(img)) return t;
      return familiarImage(img) ?? img;
    }
    return img;
  }
  Command(): string {
    let cmd = this.c.Command ?? '';
    if (this.trunc) cmd = ellipsis(cmd, 20);
    return formatGoQuote(cmd);
  }
  CreatedAt(): string { return goTimeString(this.c.Created * 1000); }
  RunningFor(): string { return humanDuration(this.now - this.c.Created * 1000) + ' ago'; }
  Platform(): null { return null; }
  Ports(): string { return displayablePorts(this.c.Ports ?? []); }
  State(): string { return this.c.State; }
  Status(): string { return this.c.Status; }
  Size(): string {
    const srw = humanSizeWithPrecision(this.c.SizeRw ?? 0, 3);
    const sv = humanSizeWithPrecision(this.c.SizeRootFs ?? 0, 3);
    return (this.c.SizeRootFs ?? 0) > 0 ? `${srw} (virtual ${sv})` : srw;
  }
  Labels(): string {
    if (!this.c.Labels) return '';
    return Object.entries(this.c.Labels).map(([k, v]) => `${k}=${v}`).sort().join(',');
  }
  Label(name: string): string { return this.c.Labels?.[name] ?? ''; }
  Mounts(): string {
    return (this.c.Mounts ?? []).map((m) => {
      const name = m.Name ? m.Name : m.Source;
      return this.trunc ? ellipsis(name, 15) : name;
    }).join(',');
  }
  LocalVolumes(): string { return String((this.c.Mounts ?? []).filter((m) => m.Driver === 'local').length); }
  Networks(): string { return Object.keys(this.c.NetworkSettings?.Networks ?? {}).join(','); }
  /** formatter.MarshalJSON: every zero-argument method, keys sorted. */
  marshalJSON(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const k of ['Command', 'CreatedAt', 'ID', 'Image', 'Labels', 'LocalVolumes', 'Mounts', 'Names', 'Networks', 'Platform', 'Ports', 'RunningFor', 'Size', 'State', 'Status'] as const) {
      o[k] = (this[k] as () => unknown)();
    }
    return o;
  }
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DisplayablePorts: "0.0.0.0:8080->80/tcp, 443/tcp", ranges grouped. */
export function displayablePorts(input: Port[]): string {
  const ports = [...input].sort((a, b) => {
    if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
    if ((a.IP ?? '') !== (b.IP ?? '')) return (a.IP ?? '') < (b.IP ?? '') ? -1 : 1;
    if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
    return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
  });
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const p of ports) {
    const current = p.PrivatePort;
    let key: string = p.Type;
    if (p.IP) {
      if ((p.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(p.IP, String(p.PublicPort ?? 0))}->${p.PrivatePort}/${p.Type}`);
        continue;
      }
      key = `${p.IP}/${p.Type}`;
    }
    const g = groups.get(key);
    if (!g) { groups.set(key, { first: current, last: current }); continue; }
    if (current === g.last + 1) { g.last = current; continue; }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: current, last: current });
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let type = parts[0];
  let ip = '';
  if (parts.length > 1) { ip = parts[0]; type = parts[1]; }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip) group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}
