// Reading the host's filesystem as root, without a process: the overlay2
// layer directories (one component at a time, never following a symlink out
// of the layer) and the kernel's synthetic files (cgroupfs, procfs), opened
// and read the way cat would.
import type { World } from '@dockersim/world';

const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFLNK = 0o120000, S_IFCHR = 0o020000;
const dec = new TextDecoder();

type Node = ReturnType<World['kernel']['fs']['node']>;

export type EntryKind = 'dir' | 'file' | 'link' | 'whiteout';

export function kindOf(n: Node): EntryKind {
  const t = n.mode & S_IFMT;
  if (t === S_IFDIR) return 'dir';
  if (t === S_IFLNK) return 'link';
  // overlay's whiteout: a character device 0/0
  if (t === S_IFCHR && n.rdev === 0) return 'whiteout';
  return 'file';
}

/** The directory node at a host path, or undefined. */
export function dirNode(world: World, path: string): Node | undefined {
  try {
    const n = world.kernel.fs.node(path);
    return kindOf(n) === 'dir' ? n : undefined;
  } catch { return undefined; }
}

/**
 * Looks path up inside one layer's directory as overlay does, a component at
 * a time: stops at a whiteout (the path is deleted from here down) or at a
 * symlink before the last component.
 */
export function lookupIn(world: World, layerDir: Node, path: string): Node | undefined {
  const ctx = world.kernel.fs.ctx;
  let n: Node | undefined = layerDir;
  const parts = path.split('/').filter((s) => s && s !== '.');
  for (let i = 0; i < parts.length && n; i++) {
    n = n.lookup?.(parts[i]!, ctx);
    if (n && i < parts.length - 1 && kindOf(n) !== 'dir') return n;
  }
  return n;
}

export interface Walked { path: string; node: Node }

/** Every entry below dir (depth first, sorted), at most `max`. */
export function walkTree(world: World, dir: Node, max: number): { entries: Walked[]; truncated: boolean } {
  const ctx = world.kernel.fs.ctx;
  const entries: Walked[] = [];
  let truncated = false;
  const visit = (n: Node, prefix: string): void => {
    const names = (n.readdir?.(ctx) ?? []).map((d) => d.name).filter((s) => s !== '.' && s !== '..').sort();
    for (const name of names) {
      if (entries.length >= max) { truncated = true; return; }
      const child = n.lookup?.(name, ctx);
      if (!child) continue;
      const path = `${prefix}/${name}`;
      entries.push({ path, node: child });
      if (kindOf(child) === 'dir') visit(child, path);
    }
  };
  visit(dir, '');
  return { entries, truncated };
}

/** A kernel file's whole content (cgroupfs, procfs), or '' when it cannot be read. */
export function readKernelFile(world: World, path: string): string {
  const k = world.kernel;
  try {
    const f = k.vfs.open(k.fs.ctx, path, 0);
    try {
      let out = '';
      for (;;) {
        const chunk = f.read(65536);
        if (!(chunk instanceof Uint8Array) || chunk.length === 0) break;
        out += dec.decode(chunk);
      }
      return out;
    } finally { f.release(); }
  } catch { return ''; }
}
