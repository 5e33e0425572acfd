import type { Kernel } from '../kernel.ts';
import type { FilesystemType, SuperBlock } from '../vfs/filesystem.ts';
import type { PidNs } from '../process/pidns.ts';
import { synthFilesystem } from '../fs/synth.ts';

const procNs = new WeakMap<SuperBlock, PidNs>();
export function procNsOf(sb: SuperBlock): PidNs | undefined { return procNs.get(sb); }

export function procType(_k: Kernel): FilesystemType {
  return synthFilesystem('proc', () => ({ kind: 'dir', children: {} }));
}
