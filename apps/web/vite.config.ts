import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { earlyStart } from './build/early-start.ts';

const worldEntry = fileURLToPath(new URL('../../packages/world/src/index.ts', import.meta.url));
const fakeWorld = fileURLToPath(new URL('./src/dev/fake-world.ts', import.meta.url));
// The stand-in world is for working on the page alone; the real one wins
// whenever it exists, unless asked for explicitly.
const useFake = process.env.DOCKERSIM_FAKE_WORLD === '1' || !existsSync(worldEntry);
if (useFake) console.warn('dockersim web: building with the stand-in world (src/dev/fake-world.ts)');

export default defineConfig({
  plugins: [earlyStart()],
  base: './',
  define: { __DOCKERSIM_FAKE_WORLD__: JSON.stringify(useFake) },
  resolve: useFake ? { alias: { '@dockersim/world': fakeWorld } } : {},
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // A package importing a module both ways is its own affair, not the page's.
        if (warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
