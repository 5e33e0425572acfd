// docker system df (system/df.go with formatter/disk_usage.go): one row per
// kind of object, or with -v a table per kind.

import type { DiskUsage } from '@dockersim/engine-api';
import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Cli } from '../../cli.ts';
import { ContainerContext, containerHeader } from '../../format/container.ts';
import { formatWrite } from '../../format/context.ts';
import { imageHeader, imageRows } from '../../format/image.ts';
import { humanSize } from '@dockersim/image';
import { VolumeContext, volumeHeader } from '../../format/volume.ts';
import { FORMAT_HELP } from '../help-texts.ts';
import { apiFail } from '../util.ts';

const SUMMARY_FORMAT = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const SUMMARY_HEADER = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const IMAGE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const CONTAINER_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const VOLUME_FORMAT = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const CACHE_FORMAT = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';
const CACHE_HEADER = { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' };

const pct = (part: number, total: number) => (total > 0 ? `${humanSize(part)} (${Math.floor((part * 100) / total)}%)` : humanSize(part));

class SummaryRow {
  readonly goType = '*formatter.diskUsageContext';
  constructor(readonly row: { Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string }) {
    Object.defineProperty(this, 'goType', { enumerable: false });
  }
  Type() { return this.row.Type; }
  TotalCount() { return this.row.TotalCount; }
  Active() { return this.row.Active; }
  Size() { return this.row.Size; }
  Reclaimable() { return this.row.Reclaimable; }
  marshalJSON() { return { Active: this.row.Active, Reclaimable: this.row.Reclaimable, Size: this.row.Size, TotalCount: this.row.TotalCount, Type: this.row.Type }; }
}

function summaryRows(du: DiskUsage): SummaryRow[] {
  const imgs = du.Images ?? [];
  let imgUsed = 0;
  for (const i of imgs) if (i.Containers !== 0 && i.Size !== -1 && i.SharedSize !== -1) imgUsed += i.Size - i.SharedSize;
  const active = (s: string) => s === 'running' || s === 'paused' || s === 'restarting';
  const cs = du.Containers ?? [];
  const cTotal = cs.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const cReclaim = cs.filter((c) => !active(c.State)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const vs = du.Volumes ?? [];
  const vTotal = vs.reduce((n, v) => n + (v.UsageData && v.UsageData.Size !== -1 ? v.UsageData.Size : 0), 0);
  const vReclaim = vs.reduce((n, v) => n + (v.UsageData && v.UsageData.Size !== -1 && v.UsageData.RefCount === 0 ? v.UsageData.Size : 0), 0);
  const bc = du.BuildCache ?? [];
  const bTotal = bc.reduce((n, b) => n + b.Size, 0);
  const bInUse = bc.filter((b) => b.InUse && !b.Shared).reduce((n, b) => n + b.Size, 0);
  return [
    new SummaryRow({ Type: 'Images', TotalCount: String(imgs.length), Active: String(imgs.filter((i) => i.Containers > 0).length), Size: humanSize(du.LayersSize), Reclaimable: pct(du.LayersSize - imgUsed, du.LayersSize) }),
    new SummaryRow({ Type: 'Containers', TotalCount: String(cs.length), Active: String(cs.filter((c) => active(c.State)).length), Size: humanSize(cTotal), Reclaimable: pct(cReclaim, cTotal) }),
    new SummaryRow({ Type: 'Local Volumes', TotalCount: String(vs.length), Active: String(vs.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length), Size: humanSize(vTotal), Reclaimable: pct(vReclaim, vTotal) }),
    new SummaryRow({ Type: 'Build Cache', TotalCount: String(bc.length), Active: String(bc.filter((b) => b.InUse).length), Size: humanSize(bTotal), Reclaimable: humanSize(bTotal - bInUse) }),
  ];
}

async function verbose(cli: Cli, du: DiskUsage): Promise<void> {
  const now = cli.io.now();
  let out = 'Images space usage:\n\n';
  out += formatWrite(IMAGE_FORMAT, imageHeader, imageRows(du.Images ?? [], { trunc: true, digest: false, format: IMAGE_FORMAT, now }).slice());
  out += '\nContainers space usage:\n\n';
  out += formatWrite(CONTAINER_FORMAT, containerHeader, (du.Containers ?? []).map((c) => new ContainerContext({ ...c, SizeRootFs: 0 }, true, now)));
  out += '\nLocal Volumes space usage:\n\n';
  out += formatWrite(VOLUME_FORMAT, volumeHeader, (du.Volumes ?? []).map((v) => new VolumeContext(v)));
  out += `\nBuild cache usage: ${humanSize((du.BuildCache ?? []).reduce((n, b) => n + b.Size, 0))}\n\n`;
  out += formatWrite(CACHE_FORMAT, CACHE_HEADER, []);
  await cli.out(out);
}

/** docker system df */
export const df: Command = {
  use: 'df [OPTIONS]',
  short: 'Show docker disk usage',
  annotations: { version: '1.25' },
  flags: {
    format: { type: 'string', usage: FORMAT_HELP },
    verbose: { type: 'bool', short: 'v', usage: 'Show detailed information on space usage' },
  },
  args: noArgs,
  async run(cli, opts) {
    let du: DiskUsage;
    try { du = await cli.client.diskUsage(); } catch (e) { apiFail(cli, e); }
    const format = opts.str('format') || 'table';
    try {
      if (opts.bool('verbose') && format === 'table') return void await verbose(cli, du);
      await cli.out(formatWrite(format === 'table' ? SUMMARY_FORMAT : format, SUMMARY_HEADER, summaryRows(du)));
    } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};
