// The system administrator's view of a Docker host: process trees and
// namespaces (psmisc, util-linux), and the service manager's clients.

import type { Applet } from '../applets/types.ts';
import { pstree } from './pstree.ts';
import { lsns } from './lsns.ts';

export const sysadminApplets: Record<string, Applet> = { pstree, lsns };

/** Programs busybox does not have. */
export const sysadminGnuOnly: string[] = ['lsns', 'pstree'];
