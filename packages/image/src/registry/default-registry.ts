// Docker Hub with the official base images, each built lazily on first pull.

import type { Arch } from '../build/image.ts';
import { buildAlpine } from '../images/alpine.ts';
import { buildBusybox } from '../images/busybox.ts';
import { buildDebian } from '../images/debian.ts';
import { buildNginx, buildNginxAlpine } from '../images/nginx.ts';
import { buildUbuntu } from '../images/ubuntu.ts';
import { defineServerImages } from '../images/servers.ts';
import { Registry } from './registry.ts';

const ARCHES: Arch[] = ['amd64', 'arm64'];

/** A registry holding alpine, busybox, ubuntu, debian and nginx (linux/amd64 and linux/arm64). */
export function createDefaultRegistry(): Registry {
  const reg = new Registry('docker.io');
  reg.define('library/alpine', () => ({
    images: [{ tags: ['latest', '3', '3.22', '3.22.2'], platforms: ARCHES.map((a) => buildAlpine(a)) }],
  }));
  reg.define('library/busybox', () => ({
    images: [{ tags: ['latest', '1', '1.37', '1.37.0', 'stable', 'glibc', '1.37.0-glibc'], platforms: ARCHES.map((a) => buildBusybox(a)) }],
  }));
  reg.define('library/ubuntu', () => ({
    images: [{ tags: ['latest', '24.04', 'noble', 'noble-20251001'], platforms: ARCHES.map((a) => buildUbuntu(a)) }],
  }));
  reg.define('library/debian', () => ({
    images: [
      { tags: ['latest', 'bookworm', '12', '12.12', 'bookworm-20251020'], platforms: ARCHES.map((a) => buildDebian(a)) },
      { tags: ['bookworm-slim', '12-slim', '12.12-slim', 'bookworm-20251020-slim'], platforms: ARCHES.map((a) => buildDebian(a, true)) },
    ],
  }));
  reg.define('library/nginx', () => ({
    images: [
      { tags: ['latest', 'mainline', '1', '1.29', '1.29.1', 'bookworm', 'mainline-bookworm', '1.29.1-bookworm'],
        platforms: ARCHES.map((a) => buildNginx(a)) },
      { tags: ['alpine', 'mainline-alpine', '1-alpine', '1.29-alpine', '1.29.1-alpine', 'alpine3.22', '1.29.1-alpine3.22'],
        platforms: ARCHES.map((a) => buildNginxAlpine(a)) },
      { tags: ['alpine-slim', 'mainline-alpine-slim', '1.29-alpine-slim', '1.29.1-alpine-slim'],
        platforms: ARCHES.map((a) => buildNginxAlpine(a, true)) },
    ],
  }));
  defineServerImages(reg, ARCHES);
  return reg;
}
