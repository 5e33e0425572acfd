// Device numbers and the character-device registry. A device node on disk is
// only a (major, minor) pair; opening it asks whoever registered that pair
// (the tty layer for 4:N and 5:N, mem for 1:3 /dev/null, 1:5 /dev/zero, ...)
// for an open file description, as Linux's chrdev_open does.

import { ENXIO, SysError } from '../abi/errno.ts';
import type { OpenFile } from './file.ts';
import type { FsContext } from './node.ts';

/** st_dev/st_rdev encoding of Linux's new_encode_dev(). */
export function makedev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}
export function major(dev: number): number { return (dev >>> 8) & 0xfff; }
export function minor(dev: number): number { return (dev & 0xff) | ((dev >>> 12) & 0xfff00); }

/** Opens a device for one open(2) call. flags are the O_* flags of the call. */
export type DeviceOpener = (flags: number, ctx: FsContext) => OpenFile;

/** Character devices by (major, minor); a minor of -1 registers a whole major. */
export class DeviceRegistry {
  private readonly _byDev = new Map<number, DeviceOpener>();
  private readonly _byMajor = new Map<number, DeviceOpener>();

  register(maj: number, min: number, open: DeviceOpener): void {
    if (min < 0) this._byMajor.set(maj, open);
    else this._byDev.set(makedev(maj, min), open);
  }

  unregister(maj: number, min: number): void {
    if (min < 0) this._byMajor.delete(maj);
    else this._byDev.delete(makedev(maj, min));
  }

  /** @throws ENXIO when no driver serves the device (Linux's chrdev_open). */
  open(rdev: number, flags: number, ctx: FsContext): OpenFile {
    const open = this._byDev.get(rdev) ?? this._byMajor.get(major(rdev));
    if (!open) throw new SysError(ENXIO);
    return open(flags, ctx);
  }

  has(rdev: number): boolean { return this._byDev.has(rdev) || this._byMajor.has(major(rdev)); }
}
