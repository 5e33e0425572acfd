// The memory devices (Linux's drivers/char/mem.c and random.c): /dev/null
// (1:3), /dev/zero (1:5), /dev/full (1:7), /dev/random (1:8) and
// /dev/urandom (1:9), the last two fed by the world's seeded generator.

import { ENOSPC, ESPIPE, SysError } from '../abi/errno.ts';
import { O_RDWR, S_IFCHR } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import { makedev } from '../vfs/dev.ts';
import type { Kernel } from '../kernel.ts';

const EMPTY = new Uint8Array(0);

export type MemKind = 'null' | 'zero' | 'full' | 'random' | 'urandom';
const MINOR: Record<MemKind, number> = { null: 3, zero: 5, full: 7, random: 8, urandom: 9 };

export class MemDevFile implements OpenFile {
  readonly kind: FileKind = 'device';
  refs = 0;
  constructor(private readonly _k: Kernel, readonly dev: MemKind, public flags = O_RDWR) {}

  read(n: number): Uint8Array {
    switch (this.dev) {
      case 'null': return EMPTY;
      case 'zero': case 'full': return new Uint8Array(Math.min(n, 1 << 20));
      default: return this._k.rng.bytes(Math.min(n, 1 << 20));
    }
  }

  write(data: Uint8Array): number {
    if (this.dev === 'full') throw new SysError(ENOSPC);
    return data.length;
  }

  stat(): Stat {
    const t = this._k.clock.bootTime;
    return { dev: 5, ino: 4 + MINOR[this.dev], mode: S_IFCHR | 0o666, nlink: 1, uid: 0, gid: 0,
      rdev: makedev(1, MINOR[this.dev]), size: 0, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t };
  }

  seek(): number { if (this.dev === 'null' || this.dev === 'zero') return 0; throw new SysError(ESPIPE); }
  release(): void {}
}

export class NullFile extends MemDevFile {
  constructor(k: Kernel) { super(k, 'null'); }
}

export function registerMemDevices(k: Kernel): void {
  for (const d of Object.keys(MINOR) as MemKind[]) {
    k.vfs.devices.register(1, MINOR[d], (flags) => new MemDevFile(k, d, flags));
  }
}
