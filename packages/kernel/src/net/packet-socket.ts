// AF_PACKET sockets (what tcpdump opens): bound to a device by name
// (`bind(fd, { path: 'eth0' })`, or every device of the namespace when not
// bound), they receive a copy of each frame the device sends or receives.
// recvmsg returns a `CapturedFrame` (plain data, not bytes): the frame
// objects of net/packet.ts, stamped with the virtual time.

import { EAGAIN, ENODEV, ESPIPE, EINVAL, SysError } from '../abi/errno.ts';
import { O_NONBLOCK, O_RDWR, S_IFSOCK } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import { WaitQueue, current, sleepOn } from '../sched/wait.ts';
import type { NetDev, NetNs, Tap } from './netns.ts';
import type { EthFrame } from './packet.ts';

export interface CapturedFrame {
  /** Uptime in ms when the frame passed. */
  t: number;
  ifname: string;
  dir: 'in' | 'out';
  frame: EthFrame;
}

export class PacketSocket implements OpenFile {
  readonly kind: FileKind = 'socket';
  refs = 0;
  flags = O_RDWR;
  dev: string | null = null;
  private _q: CapturedFrame[] = [];
  private _devs: NetDev[] = [];
  private readonly _rq = new WaitQueue();
  private readonly _tap: Tap = (dev, frame, dir, promisc) => {
    if (this._q.length >= 4096) return;
    // "any" does not put devices in promiscuous mode
    if (promisc && (this.dev === 'any' || this.dev === '')) return;
    this._q.push({ t: this.ns.clock.now, ifname: dev.name, dir, frame });
    this._rq.wakeAll();
  };

  constructor(readonly ns: NetNs, readonly ino: number) {}

  /** Starts capturing on one device (or all of the namespace's). */
  bindDev(name: string): void {
    if (this._devs.length) throw new SysError(EINVAL);
    const devs = name === 'any' || name === '' ? this.ns.devs.slice() : [this.ns.dev(name)];
    if (devs.some((d) => !d)) throw new SysError(ENODEV);
    this.dev = name;
    for (const d of devs as NetDev[]) { (d.taps ??= []).push(this._tap); this._devs.push(d); }
  }

  async recv(): Promise<CapturedFrame> {
    if (!this._devs.length) this.bindDev('any');
    const me = current();
    for (;;) {
      const f = this._q.shift();
      if (f) return f;
      if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
      await sleepOn(me, this._rq);
    }
  }

  read(): Uint8Array { throw new SysError(EINVAL); }
  write(): number { throw new SysError(EINVAL); }
  stat(): Stat {
    return { dev: 0x8, ino: this.ino, mode: S_IFSOCK | 0o777, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
  }
  seek(): number { throw new SysError(ESPIPE); }
  release(): void {
    for (const d of this._devs) {
      const i = d.taps?.indexOf(this._tap) ?? -1;
      if (i >= 0) d.taps!.splice(i, 1);
      if (d.taps && d.taps.length === 0) d.taps = null;
    }
    this._devs = [];
    this._q = [];
  }
}
