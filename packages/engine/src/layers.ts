// The overlay2 graph driver's layer store: each image layer unpacked once into
// /var/lib/docker/overlay2/<cache-id>/diff on the host, shared read-only by
// every container that uses it (as lowerdirs of their overlay mounts).

import { O_CREAT, O_TRUNC, O_WRONLY, S_IFCHR, type Sys } from '@dockersim/kernel';
import { readTar, chainId, isWhiteout, isOpaqueWhiteout, whiteoutTarget, type Digest } from '@dockersim/image';

export const OVERLAY2 = '/var/lib/docker/overlay2';

export interface Layer {
  chainId: string;
  diffId: Digest;
  cacheId: string;
  parent: Layer | undefined;
  size: number;
}

export class LayerStore {
  private readonly byChain = new Map<string, Layer>();

  get(chainId: string): Layer | undefined { return this.byChain.get(chainId); }

  /** Every stored layer (each distinct chain once). */
  all(): Layer[] { return [...this.byChain.values()]; }

  /** The lowerdir list of a layer, top first, as overlay wants it. */
  lowerDirs(layer: Layer | undefined): string[] {
    const out: string[] = [];
    for (let l = layer; l; l = l.parent) out.push(`${OVERLAY2}/${l.cacheId}/diff`);
    return out;
  }

  /** Unpacks a layer's tar on top of parent (whiteouts become overlay whiteouts). */
  async apply(sys: Sys, parent: Layer | undefined, diffId: Digest, tar: Uint8Array, cacheId: string): Promise<Layer> {
    const chain = chainId(parent ? [parent.chainId as Digest, diffId] : [diffId])!;
    const existing = this.byChain.get(chain);
    if (existing) return existing;
    const dir = `${OVERLAY2}/${cacheId}`;
    sys.mkdir(dir, 0o710);
    sys.mkdir(`${dir}/diff`, 0o755);
    sys.mkdir(`${dir}/work`, 0o700);
    let size = 0;
    const hardlinks: [string, string][] = [];
    for (const e of readTar(tar)) {
      const name = e.path.split('/').pop()!;
      const parentPath = e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : '';
      const base = `${dir}/diff`;
      if (isOpaqueWhiteout(name)) continue; // an opaque marker matters only when layers stack in a build
      if (isWhiteout(name)) {
        sys.mknod(`${base}/${parentPath ? parentPath + '/' : ''}${whiteoutTarget(name)}`, S_IFCHR | 0o000, 0);
        continue;
      }
      const p = `${base}/${e.path}`;
      switch (e.type) {
        case 'dir':
          try { sys.mkdir(p, e.mode); } catch { sys.chmod(p, e.mode); }
          break;
        case 'file': {
          const fd = sys.open(p, O_WRONLY | O_CREAT | O_TRUNC, e.mode);
          if (e.data.length) await sys.write(fd, e.data);
          if (e.size > e.data.length) sys.ftruncate(fd, e.size);
          sys.close(fd);
          sys.chmod(p, e.mode);
          size += e.size;
          break;
        }
        case 'symlink': sys.symlink(e.linkname, p); break;
        case 'hardlink': hardlinks.push([`${base}/${e.linkname}`, p]); break;
        case 'char': case 'block': sys.mknod(p, (e.type === 'char' ? S_IFCHR : 0o060000) | e.mode, ((e.devmajor ?? 0) << 8) | (e.devminor ?? 0)); break;
        case 'fifo': sys.mknod(p, 0o010000 | e.mode, 0); break;
      }
      if (e.uid || e.gid) sys.lchown(p, e.uid, e.gid);
    }
    for (const [from, to] of hardlinks) sys.link(from, to);
    const layer: Layer = { chainId: chain, diffId, cacheId, parent, size };
    this.byChain.set(chain, layer);
    return layer;
  }

  forget(chainId: string): void { this.byChain.delete(chainId); }

  /** Takes back a layer already unpacked on disk (the layer store's reload at start). */
  adopt(layer: Layer): void { if (!this.byChain.has(layer.chainId)) this.byChain.set(layer.chainId, layer); }
}

/** rm -rf through system calls. */
export function removeTree(sys: Sys, path: string): void {
  let st;
  try { st = sys.lstat(path); } catch { return; }
  if ((st.mode & 0o170000) === 0o040000) {
    for (const d of sys.readdir(path)) removeTree(sys, `${path}/${d.name}`);
    sys.rmdir(path);
  } else sys.unlink(path);
}
