// A tar entry: one file-system object of a layer, as the layer tar stores it.

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export interface TarEntry {
  /** Relative path without a leading "/" or "./" and without a trailing "/" ("bin/sh", "etc"). */
  path: string;
  type: TarEntryType;
  /** Permission bits including setuid/setgid/sticky (0o755, 0o1777), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /**
   * Logical size in bytes: what stat and `docker images` report. For most files it is
   * data.length; a large binary may declare more than it carries (see `data`).
   */
  size: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** Target of a symlink, or the path (relative to the root) a hard link refers to. */
  linkname: string;
  /**
   * Content of a regular file. When shorter than `size`, the file's first bytes are
   * `data` and the rest reads as zeros: big binaries keep their real size without
   * allocating it (the executable marker is at the start, where execve looks).
   */
  data: Uint8Array;
  devmajor?: number;
  devminor?: number;
  uname?: string;
  gname?: string;
}

const EMPTY = new Uint8Array(0);

/** An entry with defaults filled in (root-owned, mtime 0, no data). */
export function tarEntry(e: Partial<TarEntry> & Pick<TarEntry, 'path' | 'type'>): TarEntry {
  const data = e.data ?? EMPTY;
  const defaultMode = e.type === 'dir' ? 0o755 : e.type === 'symlink' ? 0o777 : 0o644;
  return {
    path: e.path,
    type: e.type,
    mode: e.mode ?? defaultMode,
    uid: e.uid ?? 0,
    gid: e.gid ?? 0,
    size: e.size ?? (e.type === 'file' ? data.length : 0),
    mtime: e.mtime ?? 0,
    linkname: e.linkname ?? '',
    data,
    ...(e.devmajor !== undefined ? { devmajor: e.devmajor } : {}),
    ...(e.devminor !== undefined ? { devminor: e.devminor } : {}),
    ...(e.uname !== undefined ? { uname: e.uname } : {}),
    ...(e.gname !== undefined ? { gname: e.gname } : {}),
  };
}
