// Server programs by registry name: what the images' binaries name.

import type { Program } from '@dockersim/kernel';
import { nginx } from './nginx.ts';
import { envsubst } from './envsubst.ts';

export const serverPrograms: Record<string, Program> = { nginx, envsubst };
