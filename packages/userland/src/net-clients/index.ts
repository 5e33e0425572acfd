// Network clients: busybox applets (wget, nc, nslookup) and programs of
// their own (curl, getent). redis-cli and psql load with the servers.

import type { Program } from '@dockersim/kernel';
import type { Applet } from '../applets/types.ts';
import { wget } from './wget.ts';
import { nc } from './nc.ts';
import { nslookup } from './nslookup.ts';
import { curlProgram } from './curl.ts';
import { getent } from './getent.ts';

/** Applets busybox carries. */
export const netApplets: Record<string, Applet> = { wget, nc, nslookup };

/** Standalone client programs by registry name. */
export const clientPrograms: Record<string, Program> = {
  curl: curlProgram('8.5.0'),
  'curl-bookworm': curlProgram('7.88.1'),
  getent,
};
