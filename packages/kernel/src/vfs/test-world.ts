// A small world for VFS tests: a disk root filesystem with tmpfs and overlay
// registered, and helpers that read and write through open files.

import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../abi/flags.ts';
import { SysError } from '../abi/errno.ts';
import { Vfs } from './vfs.ts';
import { HostFs } from './host.ts';
import type { FsContext } from './node.ts';
import type { MountNamespace } from './mount.ts';
import { createDiskFs, registerBuiltinFilesystems } from '../fs/index.ts';

export interface TestWorld {
  vfs: Vfs;
  ns: MountNamespace;
  ctx: FsContext;
  host: HostFs;
  /** A context for another user, sharing ctx's namespace and root. */
  as(uid: number, gid?: number, groups?: number[]): FsContext;
  write(path: string, text: string, ctx?: FsContext): void;
  read(path: string, ctx?: FsContext): string;
}

export function testWorld(): TestWorld {
  let t = 1_700_000_000_000;
  const vfs = new Vfs({ clock: () => t++ });
  registerBuiltinFilesystems(vfs);
  const ns = vfs.createNamespace(createDiskFs(vfs));
  const ctx = vfs.context(ns);
  const host = new HostFs(vfs, ns);
  const enc = new TextEncoder(), dec = new TextDecoder();
  return {
    vfs, ns, ctx, host,
    as: (uid, gid = uid, groups = []) => ({ ...ctx, cred: { uid, gid, groups } }),
    write(path, text, c = ctx) {
      vfs.open(c, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644).write(enc.encode(text));
    },
    read(path, c = ctx) {
      const f = vfs.open(c, path, O_RDONLY);
      let s = '';
      for (;;) {
        const b = f.read(65536) as Uint8Array;
        if (!b.length) return s;
        s += dec.decode(b);
      }
    },
  };
}

/** The errno name a call fails with, or 'ok'. */
export function errnoOf(fn: () => unknown): string {
  try { fn(); return 'ok'; } catch (e) {
    if (e instanceof SysError) return e.message.split(':')[0]!;
    throw e;
  }
}
