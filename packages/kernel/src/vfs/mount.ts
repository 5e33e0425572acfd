// Mounts and mount namespaces (Linux's struct mount and struct mnt_namespace).
// A mount shows a superblock's subtree (root) at a node (mountpoint) of its
// parent mount. Each namespace owns its own tree of mounts; CLONE_NEWNS copies
// it. Path resolution crosses into a child mount where a node is a mountpoint
// of the current mount, and back out at a mount's root on "..".

import type { SuperBlock } from './filesystem.ts';
import type { Location, Node } from './node.ts';
import { MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_RDONLY } from '../abi/flags.ts';
import { major, minor } from './dev.ts';

export const MS_NOATIME = 1024, MS_NODIRATIME = 2048, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;
/** Flags kept per mount (the rest of mount(2)'s flags are requests, not state). */
export const MNT_FLAGS = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME
  | MS_RELATIME | MS_STRICTATIME;

export type Propagation = 'private' | 'shared' | 'slave';

/** The children of a mount without any: shared, never changed (most mounts are leaves). */
const NO_CHILDREN: readonly Mount[] = Object.freeze([]);

export class Mount {
  /** Children in mount order; at most one per mountpoint node (stacking goes through the top mount's root). */
  children: readonly Mount[] = NO_CHILDREN;
  propagation: Propagation = 'private';

  constructor(
    /** Mount id as in mountinfo (global counter, like Linux's). */
    readonly id: number,
    readonly sb: SuperBlock,
    /** The node of sb shown at the mountpoint (the sb's root, or a subtree for bind mounts). */
    readonly root: Node,
    /** Path of root inside its filesystem, as mountinfo's 4th field shows it. */
    readonly rootPath: string,
    /** Per-mount flags (MNT_FLAGS bits). */
    public flags: number,
    /** Where it is mounted: parent mount (itself for a namespace root) and a node of it. */
    public parent: Mount | null = null,
    public mountpoint: Node | null = null,
    public ns: MountNamespace | null = null,
  ) {}

  get readOnly(): boolean { return (this.flags & MS_RDONLY) !== 0 || (this.sb.flags & MS_RDONLY) !== 0; }

  /** The child mounted at node, if any. */
  childAt(node: Node): Mount | undefined {
    if (node.mounted === 0) return undefined;
    const c = this.children;
    for (let i = c.length - 1; i >= 0; i--) if (c[i]!.mountpoint === node) return c[i];
    return undefined;
  }
}

/** One line of /proc/PID/mountinfo, as data. */
export interface MountInfo {
  id: number;
  parentId: number;
  major: number;
  minor: number;
  /** Path of the mount's root inside its filesystem. */
  root: string;
  /** Mount point relative to the reader's root. */
  mountPoint: string;
  /** Per-mount options: "rw,nosuid,nodev,noexec,relatime". */
  options: string;
  /** Optional fields: "shared:1", "master:2", or "". */
  optional: string;
  fstype: string;
  source: string;
  /** "rw,size=65536k,mode=755", "rw,lowerdir=...,upperdir=...,workdir=...". */
  superOptions: string;
}

export class MountNamespace {
  /** Mounts in the order /proc/PID/mountinfo lists them. */
  readonly mounts: Mount[] = [];

  constructor(
    public root: Mount,
    private readonly _newId: () => number,
  ) {
    this._add(root);
    root.parent = root;
    root.mountpoint = root.root;
  }

  /** Attaches m at (parent, mountpoint), last in mountinfo order. */
  attach(m: Mount, parent: Mount, mountpoint: Node): void {
    this.hook(m, parent, mountpoint);
    this._add(m);
  }

  /** Puts an attached-elsewhere mount of this namespace at (parent, mountpoint) (MS_MOVE, pivot_root). */
  hook(m: Mount, parent: Mount, mountpoint: Node): void {
    m.parent = parent;
    m.mountpoint = mountpoint;
    if (parent.children === NO_CHILDREN) parent.children = [m];
    else (parent.children as Mount[]).push(m);
    mountpoint.mounted++;
  }

  /** Takes m off its mountpoint, keeping it (and its subtree) in the namespace. */
  unhook(m: Mount): void {
    const p = m.parent;
    if (!p || p === m) return;
    p.children = without(p.children, p.children.indexOf(m));
    m.mountpoint!.mounted--;
    m.parent = null;
    m.mountpoint = null;
  }

  /** Detaches m (and, with its subtree, every mount under it). */
  detach(m: Mount, subtree = true): void {
    if (!subtree || m.children.length === 0) {
      this._unhookDetached(m, false);
      const j = this.mounts.indexOf(m);
      if (j >= 0) this.mounts.splice(j, 1);
      return;
    }
    // a whole tree (runc detaching the host's mounts after pivot_root): one
    // pass over the list, not an indexOf per mount (quadratic in the host's mounts)
    this._unhookDetached(m, true);
    const ms = this.mounts;
    let j = 0;
    for (let i = 0; i < ms.length; i++) { const x = ms[i]!; if (x.ns === this) ms[j++] = x; }
    ms.length = j;
  }

  private _unhookDetached(m: Mount, subtree: boolean): void {
    if (subtree) for (let i = m.children.length - 1; i >= 0; i--) this._unhookDetached(m.children[i]!, true);
    const p = m.parent;
    if (p && p !== m) {
      p.children = without(p.children, p.children.lastIndexOf(m));
      m.mountpoint!.mounted--;
    }
    m.ns = null;
    m.parent = null;
    m.mountpoint = null;
    if (--m.sb.refs === 0) m.sb.kill?.();
  }

  /** The mount a Location reaches after crossing all mounts stacked on it. */
  down(mnt: Mount, node: Node): Mount {
    for (;;) {
      const c = mnt.childAt(node);
      if (!c) return mnt;
      mnt = c;
      node = c.root;
    }
  }

  /**
   * A copy of the whole tree with new mount ids (CLONE_NEWNS), and a function
   * that maps a Location of this namespace to the same place in the copy (for
   * the root and cwd of the process that unshared).
   */
  clone(): { ns: MountNamespace; translate(loc: Location): Location } {
    const map = new Map<Mount, Mount>();
    const copy = (m: Mount): Mount => {
      const c = new Mount(this._newId(), m.sb, m.root, m.rootPath, m.flags);
      c.propagation = m.propagation === 'shared' ? 'slave' : m.propagation;
      m.sb.refs++;
      map.set(m, c);
      return c;
    };
    const ns = new MountNamespace(copy(this.root), this._newId);
    for (const m of this.mounts) {
      if (m === this.root) continue;
      const p = map.get(m.parent!);
      if (!p) continue;
      ns.attach(copy(m), p, m.mountpoint!);
    }
    return { ns, translate: (loc) => ({ mnt: map.get(loc.mnt) ?? ns.root, node: map.has(loc.mnt) ? loc.node : ns.root.root }) };
  }

  /** Detaches every mount: the last process of the namespace is gone. */
  release(): void {
    this.detach(this.root, true);
    this.mounts.length = 0;
  }

  /** The mounts visible from root (a process's chroot), as mountinfo shows them. */
  mountInfo(root: Location): MountInfo[] {
    const out: MountInfo[] = [];
    for (const m of this.mounts) {
      const at = pathFrom(root, m, m.root);
      if (at === undefined) continue;
      const sb = m.sb;
      const so = sb.superOptions();
      out.push({
        id: m.id, parentId: m.parent!.id, major: major(sb.dev), minor: minor(sb.dev),
        root: m.rootPath, mountPoint: at, options: mountOptions(m.flags),
        optional: m.propagation === 'shared' ? `shared:${m.id}` : '',
        fstype: sb.fstype, source: sb.source,
        superOptions: ((sb.flags & MS_RDONLY) ? 'ro' : 'rw') + (so ? ',' + so : ''),
      });
    }
    return out;
  }

  private _add(m: Mount): void {
    m.ns = this;
    this.mounts.push(m);
  }
}

/** Removes element i in place; the shared empty list replaces the last one. */
function without(list: readonly Mount[], i: number): readonly Mount[] {
  if (i < 0) return list;
  if (list.length === 1) return NO_CHILDREN;
  (list as Mount[]).splice(i, 1);
  return list;
}

/** "rw,nosuid,nodev,noexec,relatime" for a mount's flags. */
export function mountOptions(flags: number): string {
  let s = flags & MS_RDONLY ? 'ro' : 'rw';
  if (flags & MS_NOSUID) s += ',nosuid';
  if (flags & MS_NODEV) s += ',nodev';
  if (flags & MS_NOEXEC) s += ',noexec';
  if (flags & MS_NOATIME) s += ',noatime';
  else if (flags & MS_STRICTATIME) { /* shown as nothing */ } else s += ',relatime';
  if (flags & MS_NODIRATIME) s += ',nodiratime';
  return s;
}

/**
 * The path of (mnt, node) as seen from root, or undefined when it is not
 * below root (outside a chroot, or on a detached mount).
 */
export function pathFrom(root: Location, mnt: Mount, node: Node): string | undefined {
  let path = '';
  for (let guard = 0; guard < 4096; guard++) {
    if (mnt === root.mnt && node === root.node) return path || '/';
    if (node === mnt.root) {
      const p = mnt.parent;
      if (!p || p === mnt) return undefined;
      node = mnt.mountpoint!;
      mnt = p;
      continue;
    }
    path = '/' + node.name + path;
    node = node.parent;
  }
  return undefined;
}

/** Escapes space, tab, newline and backslash as mountinfo does (\040). */
export function escapeMountPath(s: string): string {
  return /[ \t\n\\]/.test(s) ? s.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')) : s;
}

/** One /proc/PID/mountinfo line (without newline). */
export function formatMountinfo(i: MountInfo): string {
  return `${i.id} ${i.parentId} ${i.major}:${i.minor} ${escapeMountPath(i.root)} ${escapeMountPath(i.mountPoint)} ${i.options}`
    + `${i.optional ? ' ' + i.optional : ''} - ${i.fstype} ${escapeMountPath(i.source)} ${i.superOptions}`;
}

/** One /proc/mounts line (without newline): options merge per-mount and super options. */
export function formatMounts(i: MountInfo): string {
  const sup = i.superOptions.replace(/^r[ow],?/, '');
  return `${escapeMountPath(i.source)} ${escapeMountPath(i.mountPoint)} ${i.fstype} ${i.options}${sup ? ',' + sup : ''} 0 0`;
}
