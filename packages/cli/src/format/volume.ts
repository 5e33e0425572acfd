// The columns of `docker volume ls` and of the volume section of
// `docker system df -v` (formatter/volume.go).

import type { Volume } from '@dockersim/engine-api';
import { humanSize } from '@dockersim/image';

export const DEFAULT_VOLUME_QUIET_FORMAT = '{{.Name}}';
export const DEFAULT_VOLUME_TABLE_FORMAT = 'table {{.Driver}}\t{{.Name}}';

export const volumeHeader: Record<string, string> = {
  ID: 'ID', Name: 'VOLUME NAME', Group: 'GROUP', Driver: 'DRIVER', Scope: 'SCOPE', Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Status: 'STATUS',
};

/** NewVolumeFormat */
export function volumeFormat(source: string, quiet: boolean): string {
  if (source === 'table') return quiet ? DEFAULT_VOLUME_QUIET_FORMAT : DEFAULT_VOLUME_TABLE_FORMAT;
  if (source === 'raw') return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\ndriver: {{.Driver}}\n';
  return source;
}

export class VolumeContext {
  readonly goType = '*formatter.volumeContext';
  constructor(private readonly v: Volume) { Object.defineProperty(this, 'goType', { enumerable: false }); }
  Name(): string { return this.v.Name; }
  Driver(): string { return this.v.Driver; }
  Scope(): string { return this.v.Scope; }
  Mountpoint(): string { return this.v.Mountpoint; }
  Labels(): string {
    if (!this.v.Labels) return '';
    return Object.entries(this.v.Labels).map(([k, v]) => `${k}=${v}`).join(',');
  }
  Label(name: string): string { return this.v.Labels?.[name] ?? ''; }
  Links(): string { return this.v.UsageData ? String(this.v.UsageData.RefCount) : 'N/A'; }
  Size(): string { return this.v.UsageData ? humanSize(this.v.UsageData.Size) : 'N/A'; }
  Group(): string { return 'N/A'; }
  Availability(): string { return 'N/A'; }
  Status(): string { return 'N/A'; }
  marshalJSON(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const k of ['Availability', 'Driver', 'Group', 'Labels', 'Links', 'Mountpoint', 'Name', 'Scope', 'Size', 'Status'] as const) o[k] = this[k]();
    return o;
  }
}
