// The package managers (apk; apt-get, apt and dpkg) and the programs only
// their packages install, by registry name. Loaded on first use.

import type { Program } from '@dockersim/kernel';
import { apk } from './apk.ts';
import { aptProgram, dpkg } from './apt.ts';
import { curlAlpine, curlBookworm, curlNoble } from './curl-flavours.ts';

export const pkgPrograms: Record<string, Program> = {
  apk,
  'apt-get': aptProgram('apt-get'),
  apt: aptProgram('apt'),
  dpkg,
  'curl-alpine': curlAlpine,
  'curl-deb12': curlBookworm,
  'curl-noble': curlNoble,
};
