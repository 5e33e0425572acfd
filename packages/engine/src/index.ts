export { makeDockerd } from './dockerd.ts';
export { Daemon, type DaemonOptions } from './daemon.ts';
export type { RegistryPort, StoredImage } from './images.ts';
export { ENGINE_VERSION } from './system.ts';
export { buildCacheUsage } from './builder/state.ts';
export { dockerProxy, DOCKER_PROXY } from './network/proxy.ts';
