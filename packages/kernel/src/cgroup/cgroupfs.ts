import type { Kernel } from '../kernel.ts';
import type { FilesystemType } from '../vfs/filesystem.ts';
import { synthFilesystem } from '../fs/synth.ts';

export function cgroupType(_k: Kernel): FilesystemType {
  return synthFilesystem('cgroup2', () => ({ kind: 'dir', children: {} }));
}
