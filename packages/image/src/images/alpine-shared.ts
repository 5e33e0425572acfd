// What other images reuse from alpine: its base layer and account files.

export { alpineBaseLayer, ALPINE_GROUP, ALPINE_PASSWD, ALPINE_VERSION } from './alpine.ts';
import type { Arch } from '../build/image.ts';

export const ARCH_ALPINE: Record<Arch, string> = { amd64: 'x86_64', arm64: 'aarch64' };
