// Dependencies point down the layer list and never up, and a package reaches
// another only through its public surface ('@dockersim/<name>', never its src).
// The list is DESIGN's with engine-api below engine: dockerd implements the
// Backend that the API's routes call, and serves the API's types.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LAYERS = ['world', 'lessons', 'cli', 'compose', 'engine', 'engine-api', 'containerd', 'runc', 'image', 'userland', 'kernel'];
const root = join(import.meta.dirname, '..', '..', 'packages');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('package dependencies', () => {
  const pkgs = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory() && LAYERS.includes(n));
  it('every package is on the layer list', () => {
    const unknown = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory() && !LAYERS.includes(n));
    expect(unknown).toEqual([]);
  });
  for (const pkg of pkgs) {
    it(`${pkg} imports only packages below it, through their public surface`, () => {
      const bad: string[] = [];
      for (const file of sources(join(root, pkg, 'src'))) {
        // code only: an example in a comment is not a dependency
        const text = readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)).join('\n');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](@dockersim\/[\w-]+)(\/[^'"]*)?['"]/g)) {
          const dep = m[1].slice('@dockersim/'.length);
          const rel = file.slice(root.length + 1);
          if (m[2]) bad.push(`${rel}: ${m[1]}${m[2]} (not the public surface)`);
          else if (dep !== pkg && LAYERS.indexOf(dep) <= LAYERS.indexOf(pkg)) bad.push(`${rel}: ${m[1]} (not below ${pkg})`);
        }
        for (const m of text.matchAll(/from\s+['"](\.\.\/)+(\.\.\/)?(packages\/)?([\w-]+)\/src\//g)) {
          bad.push(`${file.slice(root.length + 1)}: reaches into ${m[4]}/src`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
