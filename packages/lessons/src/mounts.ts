// A container's mounts, as the daemon records them (.Mounts, and
// HostConfig.Tmpfs for --tmpfs, which .Mounts leaves out as Docker does) and,
// while the container runs, as the kernel has them in its PID 1's mount table.

import type { ContainerInspect } from '@dockersim/engine-api';
import type { MountMatch } from './format.ts';
import type { Probe } from './probe.ts';

interface SeenMount { type: string; source: string; destination: string; readOnly: boolean }

const norm = (p: string) => p.replace(/\/+$/, '') || '/';

function recorded(c: ContainerInspect): SeenMount[] {
  const out: SeenMount[] = c.Mounts.map((m) => ({
    type: m.Type, source: m.Type === 'volume' ? m.Name ?? '' : m.Source, destination: norm(m.Destination), readOnly: !m.RW,
  }));
  for (const [dest, opts] of Object.entries(c.HostConfig.Tmpfs ?? {})) {
    out.push({ type: 'tmpfs', source: '', destination: norm(dest), readOnly: opts.split(',').includes('ro') });
  }
  return out;
}

/** A mountinfo line's mount point (unescaped), file system type and whether it is read-only. */
function kernelMounts(probe: Probe, pid: number): { point: string; fstype: string; readOnly: boolean }[] {
  const text = probe.readFile(`/proc/${pid}/mountinfo`) ?? '';
  const out: { point: string; fstype: string; readOnly: boolean }[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const f = left.split(' ');
    const point = (f[4] ?? '').replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.push({ point: norm(point), fstype: right.split(' ')[0] ?? '', readOnly: (f[5] ?? '').split(',').includes('ro') });
  }
  return out;
}

/** Why no mount of the container matches, or undefined when one does. */
export function mountMismatch(probe: Probe, c: ContainerInspect, m: MountMatch): string | undefined {
  const want = { ...m, destination: m.destination === undefined ? undefined : norm(m.destination) };
  const candidates = recorded(c).filter((x) => want.destination === undefined || x.destination === want.destination);
  if (candidates.length === 0) return want.destination ? `nothing is mounted on ${want.destination}` : 'it has no mounts';
  const hit = candidates.find((x) => (want.type === undefined || x.type === want.type)
    && (want.source === undefined || (x.type === 'bind' ? norm(x.source) === norm(want.source) : x.source === want.source))
    && (want.readOnly === undefined || x.readOnly === want.readOnly));
  if (!hit) {
    const x = candidates[0]!;
    return `${x.destination} is a ${x.readOnly ? 'read-only' : 'read-write'} ${x.type} mount${x.source ? ` of ${x.source}` : ''}`;
  }
  if (c.State.Running && c.State.Pid) {
    // The kernel's word on what the running container has there.
    const k = kernelMounts(probe, c.State.Pid).filter((x) => x.point === hit.destination).pop();
    if (!k) return `the kernel shows nothing mounted on ${hit.destination} in the container`;
    if (hit.type === 'tmpfs' && k.fstype !== 'tmpfs') return `${hit.destination} is ${k.fstype} in the container, not tmpfs`;
    if (want.readOnly !== undefined && k.readOnly !== want.readOnly) return `${hit.destination} is mounted ${k.readOnly ? 'read-only' : 'read-write'}`;
  }
  return undefined;
}

export function describeMount(m: MountMatch): string {
  const parts = [m.readOnly === true ? 'read-only' : m.readOnly === false ? 'read-write' : '', m.type ?? '', 'mount'];
  if (m.source !== undefined) parts.push(`of ${m.source}`);
  if (m.destination !== undefined) parts.push(`on ${m.destination}`);
  return parts.filter(Boolean).join(' ');
}
