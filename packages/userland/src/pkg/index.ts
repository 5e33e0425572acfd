// The package managers (apk; apt-get, apt and dpkg) and the programs only
// their packages install, by registry name. Loaded on first use.

import type { Program } from '@dockersim/kernel';
import { apk } from './apk.ts';
import { curlAlpine, curlBookworm, curlNoble } from './curl-flavours.ts';

export const pkgPrograms: Record<string, Program> = {
  apk,
  'curl-alpine': curlAlpine,
  'curl-deb12': curlBookworm,
  'curl-noble': curlNoble,
};
