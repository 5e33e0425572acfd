// envsubst (GNU gettext): replaces $VAR and ${VAR} in stdin with the
// environment's values; with a SHELL-FORMAT argument only the variables it names.

import type { Program } from '@dockersim/kernel';
import { readAll, text } from '../libc/io.ts';

export const envsubst: Program = async ({ sys, argv, env }) => {
  const vars = new Map<string, string>();
  for (const kv of env) { const i = kv.indexOf('='); if (i > 0) vars.set(kv.slice(0, i), kv.slice(i + 1)); }
  const fmt = argv.slice(1).find((x) => !x.startsWith('-'));
  const only = fmt === undefined ? null : new Set([...fmt.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)].map((m) => m[1]!));
  const input = text(await readAll(sys, 0));
  const out = input.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (m, a: string | undefined, b: string | undefined) => {
    const k = (a ?? b)!;
    if (only && !only.has(k)) return m;
    return vars.get(k) ?? '';
  });
  await sys.write(1, out);
  return 0;
};
