#!/usr/bin/env node
// Runs the bundled CLI; builds it first when a checkout has not been built yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/dockersim.mjs');
if (!existsSync(bundle)) execFileSync(process.execPath, [join(root, 'build.mjs')], { stdio: 'inherit' });
await import(pathToFileURL(bundle).href);
