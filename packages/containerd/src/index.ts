// @dockersim/containerd: the containerd daemon and its runc v2 shim, as
// programs of the simulated kernel, and the API dockerd speaks to it.

export * from './api.ts';
export { containerd, CONTAINERD_VERSION } from './daemon/main.ts';
export { containerdShim } from './shim/main.ts';
export { shimSocket } from './daemon/shim-client.ts';
export { SHIM_BINARY, RUNC_BINARY, TASK_ROOT, runcRoot } from './shim/protocol.ts';
export { daemonLog, sdNotify, logrusLine, rfc3339NanoFixed } from './daemon/golog.ts';
export type { LogFields } from './daemon/golog.ts';
export { ctr } from './ctr/main.ts';
