// What apk's solver decides for a world: every package the world's names
// need, the ones to install (dependencies first, in the repository's order,
// as apk lists them) and the ones no longer needed (purged dependents first),
// or the names that cannot be satisfied.

import type { PackageDef, PackageIndex } from './package.ts';

export interface Solution {
  install: PackageDef[];
  purge: string[];
  /** Names the world asks for that no package is or provides. */
  missing: string[];
}

/**
 * Solves `world` against `index`, given what is installed. Names in
 * `alreadyThere` (the base system's own, which apk never drops on its own
 * here) stay installed whatever the world says.
 */
export function solve(index: PackageIndex, world: readonly string[], installed: ReadonlySet<string>,
  virtuals: ReadonlyMap<string, PackageDef> = new Map(), keep: ReadonlySet<string> = new Set()): Solution {
  const need = new Map<string, PackageDef>();
  const missing: string[] = [];
  const visit = (name: string): void => {
    const def = virtuals.get(name) ?? index.find(name);
    if (!def) {
      // an installed name the index does not know (libc-utils in the base world) is left alone
      if (!installed.has(name) && !missing.includes(name)) missing.push(name);
      return;
    }
    if (need.has(def.name)) return;
    need.set(def.name, def);
    for (const d of def.deps ?? []) visit(d);
  };
  for (const w of world) {
    if (!virtuals.has(w) && !index.find(w) && installed.has(w)) continue;
    visit(w);
  }
  const rank = (p: PackageDef) => index.rank.get(p.name) ?? Number.MAX_SAFE_INTEGER;
  const install = [...need.values()].filter((p) => !installed.has(p.name));
  // the index lists dependencies before what needs them; a virtual package comes last
  install.sort((a, b) => rank(a) - rank(b));
  const purge = [...installed].filter((n) => !need.has(n) && !keep.has(n))
    .sort((a, b) => (index.rank.get(b) ?? Number.MAX_SAFE_INTEGER) - (index.rank.get(a) ?? Number.MAX_SAFE_INTEGER));
  return { install, purge, missing };
}
