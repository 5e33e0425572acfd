// @dockersim/containerd: the containerd daemon and its runc v2 shim, as
// programs of the simulated kernel, and the API dockerd speaks to it.

import { lazyProgram } from '@dockersim/kernel';
import type { LazyProgram } from '@dockersim/kernel';

export * from './api.ts';
export { containerd, CONTAINERD_VERSION } from './daemon/main.ts';
/** The runc v2 shim: its code loads with the first container (see the kernel's program-load.ts). */
export const containerdShim: LazyProgram = lazyProgram(() => import('./shim/main.ts').then((m) => m.containerdShim));
export { shimSocket } from './daemon/shim-client.ts';
export { SHIM_BINARY, RUNC_BINARY, TASK_ROOT, runcRoot } from './shim/protocol.ts';
export { daemonLog, sdNotify, logrusLine } from './daemon/golog.ts';
export type { LogFields } from './daemon/golog.ts';
/** ctr, loaded on first use. */
export const ctr: LazyProgram = lazyProgram(() => import('./ctr/main.ts').then((m) => m.ctr));
