// @dockersim/runc: the OCI runtime as a program of the simulated kernel
// (/usr/bin/runc), and the types of its inputs.

export { runc, DEFAULT_ROOT, RUNC_VERSION } from './main.ts';
export type { OciSpec, OciProcess, OciMount, OciDevice, OciNamespaceType, OciStatus } from './spec.ts';
export { cgroupDir, expandSlice } from './cgroups.ts';
export { parseMountOptions } from './mounts.ts';
/** For tests of this and higher layers: a small host with runc's view of the world, and a Docker-like spec. */
export { bootHost as bootTestHost, dockerSpec as testSpec } from './test-host.ts';
export type { TestHost } from './test-host.ts';
