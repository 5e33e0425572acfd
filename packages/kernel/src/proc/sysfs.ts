import type { Kernel } from '../kernel.ts';
import type { FilesystemType } from '../vfs/filesystem.ts';
import { synthFilesystem } from '../fs/synth.ts';

export function sysfsType(_k: Kernel): FilesystemType {
  return synthFilesystem('sysfs', () => ({ kind: 'dir', children: {} }));
}
