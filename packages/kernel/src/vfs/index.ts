export * from './file.ts';
export * from './dev.ts';
export * from './node.ts';
export * from './filesystem.ts';
export * from './mount.ts';
export * from './vfs.ts';
export * from './host.ts';
export * from '../fs/index.ts';
