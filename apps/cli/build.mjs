// Bundles the CLI into one file so `npx dockersim` starts fast.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, 'src/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(here, 'dist/dockersim.mjs'),
  logLevel: 'warning',
  sourcemap: 'linked',
});
