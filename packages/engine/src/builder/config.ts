// The image config a build grows step by step, and its history entries in
// the words BuildKit and the classic builder use for `docker history`.

import type { ContainerConfig, ImageConfig } from '@dockersim/image';
import { goQuoteList } from './format.ts';

export function cloneConfig(c: ImageConfig): ImageConfig {
  return JSON.parse(JSON.stringify(c)) as ImageConfig;
}

export function setEnv(cfg: ContainerConfig, key: string, value: string): void {
  const env = cfg.Env ?? [];
  const i = env.findIndex((e) => e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')) === key);
  if (i >= 0) env[i] = `${key}=${value}`; else env.push(`${key}=${value}`);
  cfg.Env = env;
}

export function envLookup(cfg: ContainerConfig, args: Map<string, string | undefined>): (k: string) => string | undefined {
  return (k) => {
    for (const e of cfg.Env ?? []) {
      const i = e.indexOf('=');
      if ((i < 0 ? e : e.slice(0, i)) === k) return i < 0 ? '' : e.slice(i + 1);
    }
    return args.get(k);
  };
}

/** CMD/ENTRYPOINT history text: Go's %q of a []string. */
export function quotedArgs(args: string[]): string { return goQuoteList(args); }
