export * from './abi/errno.ts';
export * from './abi/signal.ts';
export * from './abi/flags.ts';
export * from './sys.ts';
export * from './exec-format.ts';
export * from './vfs/index.ts';
