// A command's journey through the layers, from the trace bus: the daemons'
// markers (HTTP requests, RPCs, shim calls) and the kernel events that show
// what each layer did (execve, clone with namespace flags, mounts,
// pivot_root, cgroups, signals, exits). Each process belongs to a layer,
// named by the program it runs: a clone stays in its parent's layer until it
// executes something else, and whatever runc's child executes is the
// container's. Layers nest: docker > dockerd > containerd > shim > runc >
// container, so a hop's depth is its layer's.

import type { TraceEvent } from './api.ts';

export type Layer = 'docker' | 'dockerd' | 'containerd' | 'shim' | 'runc' | 'container' | 'other';

export const LAYER_DEPTH: Record<Layer, number> = { docker: 0, dockerd: 1, containerd: 2, shim: 3, runc: 4, container: 5, other: 0 };

export interface Hop { t: number; layer: Layer; pid: number; text: string }

const BY_PROGRAM: Record<string, Layer> = {
  docker: 'docker', dockerd: 'dockerd', containerd: 'containerd', 'containerd-shim-runc-v2': 'shim', 'containerd-shim': 'shim', runc: 'runc',
};

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function shorten(s: string, max = 120): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const MS = { RDONLY: 1, NOSUID: 2, NODEV: 4, NOEXEC: 8, REMOUNT: 32, BIND: 4096, MOVE: 8192, REC: 16384, PRIVATE: 1 << 18, SLAVE: 1 << 19, SHARED: 1 << 20 };

/** A mount(2) call in mount(8)'s words. */
function mountText(d: Record<string, unknown>): string {
  const fstype = String(d.fstype ?? '');
  const flags = Number(d.flags ?? 0);
  const target = String(d.target ?? '');
  const rec = flags & MS.REC ? 'r' : '';
  if (flags & (MS.PRIVATE | MS.SLAVE | MS.SHARED)) {
    return `mount --make-${rec}${flags & MS.PRIVATE ? 'private' : flags & MS.SLAVE ? 'slave' : 'shared'} ${target}`;
  }
  const opts: string[] = [];
  if (flags & MS.REMOUNT) opts.push('remount');
  if (flags & MS.BIND && flags & MS.REMOUNT) opts.push('bind');
  if (flags & MS.RDONLY) opts.push('ro');
  if (flags & MS.NOSUID) opts.push('nosuid');
  if (flags & MS.NODEV) opts.push('nodev');
  if (flags & MS.NOEXEC) opts.push('noexec');
  let data = String(d.data ?? '');
  if (fstype === 'overlay') {
    const lower = /lowerdir=([^,]*)/.exec(data)?.[1] ?? '';
    data = data.replace(/lowerdir=[^,]*/, `lowerdir=<${lower ? lower.split(':').length : 0} layers>`);
  }
  if (data) opts.push(data);
  if (flags & MS.REMOUNT) return `mount -o ${opts.join(',')} ${target}`;
  const kind = flags & MS.MOVE ? '--move ' : flags & MS.BIND ? `--${rec}bind ` : fstype ? `-t ${fstype} ` : '';
  return `mount ${kind}${String(d.source ?? '') || 'none'} ${target}${opts.length ? ` -o ${opts.join(',')}` : ''}`;
}

const quoteArg = (a: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** 64-hex ids shortened to docker's 12 characters. */
export function shortIds(s: string): string { return s.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…'); }

/** Turns trace events into hops; `layerOf` names the layer of processes that existed before the trace began. */
export class Journey {
  readonly hops: Hop[] = [];
  private readonly layers = new Map<number, Layer>();
  /** cgroupfs reports mkdir without a pid: the runc that runs now made it. */
  private lastRunc = 0;

  constructor(private readonly layerOf: (pid: number) => Layer | undefined = () => undefined) {}

  layer(pid: number): Layer {
    let l = this.layers.get(pid);
    if (!l) { l = this.layerOf(pid) ?? 'other'; this.layers.set(pid, l); }
    return l;
  }

  private hop(t: number, layer: Layer, pid: number, text: string): void { this.hops.push({ t, layer, pid, text }); }

  add(ev: TraceEvent): void {
    const pid = ev.pid ?? 0;
    const d = (ev.data ?? {}) as Record<string, unknown>;
    if (ev.layer !== 'kernel') {
      const layer = (ev.layer in LAYER_DEPTH ? ev.layer : 'other') as Layer;
      this.layers.set(pid, layer);
      const extra = Object.entries(d).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      this.hop(ev.t, layer, pid, ev.what + (extra.length ? ` (${extra.join(', ')})` : ''));
      return;
    }
    const layer = this.layer(pid);
    switch (ev.what) {
      case 'clone': {
        const child = Number(d.child);
        this.layers.set(child, layer);
        const flags = (d.flags as string[] | undefined) ?? [];
        if (flags.length) {
          const nspid = (d.nspid as number[] | undefined) ?? [];
          this.hop(ev.t, layer, pid, `clone(${flags.join('|')}) = ${child}${nspid.length > 1 ? ` (pid ${nspid[nspid.length - 1]} in its namespace)` : ''}`);
        }
        return;
      }
      case 'execve': {
        const argv = (d.argv as string[] | undefined) ?? [];
        const path = String(d.path ?? '');
        const prog = BY_PROGRAM[base(path)];
        const next: Layer = prog ?? (layer === 'runc' || layer === 'container' ? 'container' : layer === 'docker' ? 'docker' : 'other');
        this.layers.set(pid, next);
        if (next === 'runc') this.lastRunc = pid;
        if (next !== 'other') this.hop(ev.t, next, pid, `execve ${path}: ${argv.map(quoteArg).join(' ')}`);
        return;
      }
      case 'exit': {
        if (layer === 'other') return;
        const st = d.status as { code?: number; signal?: number } | undefined;
        this.hop(ev.t, layer, pid, `exit ${st?.signal !== undefined ? `(killed by signal ${st.signal})` : `status ${st?.code ?? 0}`}`);
        return;
      }
      case 'mount': if (layer === 'runc' || layer === 'dockerd' || layer === 'container') this.hop(ev.t, layer, pid, mountText(d)); return;
      case 'umount': if (layer === 'runc' || layer === 'dockerd') this.hop(ev.t, layer, pid, `umount ${String(d.target)}`); return;
      case 'pivot_root': this.hop(ev.t, layer, pid, `pivot_root ${String(d.newRoot)} ${String(d.putOld)}`); return;
      case 'unshare': this.hop(ev.t, layer, pid, `unshare(${((d.flags as string[]) ?? []).join('|')})`); return;
      case 'setns': this.hop(ev.t, layer, pid, `setns(${String(d.type)}:[${String(d.inum)}]) of pid ${String(d.target)}`); return;
      case 'sethostname': this.hop(ev.t, layer, pid, `sethostname("${String(d.name)}")`); return;
      case 'cgroup_mkdir': if (/docker-/.test(String(d.path))) this.hop(ev.t, 'runc', this.lastRunc, `mkdir cgroup ${String(d.path)}`); return;
      case 'cgroup_attach': if (layer !== 'other') this.hop(ev.t, layer, pid, `join cgroup ${String(d.to)}`); return;
      case 'signal': {
        const to = Number(d.to);
        if (layer !== 'other' || this.layer(to) !== 'other') this.hop(ev.t, layer, pid, `signal ${String(d.sig)} to ${to} (${this.layer(to)})`);
        return;
      }
      case 'oom_kill': this.hop(ev.t, 'container', pid, `OOM killer: cgroup ${String(d.cgroup)}`); return;
      default: return;
    }
  }

  /** The hops as an indented list: "[   0.012] layer[pid]  text", indented by the layer's depth. */
  format(): string {
    let out = '';
    for (const h of this.hops) {
      const ts = `[${(h.t / 1000).toFixed(3).padStart(8)}]`;
      const indent = '  '.repeat(LAYER_DEPTH[h.layer]);
      out += `${ts} ${indent}${`${h.layer}[${h.pid}]`.padEnd(16)} ${shorten(shortIds(h.text), 400)}\n`;
    }
    return out;
  }
}
