// Applets in their own files, collected for the registry.

import type { Applet } from './types.ts';

export const extraApplets: Record<string, Applet> = {};
