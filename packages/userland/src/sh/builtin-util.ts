// What the builtin files share: the Builtin type, the error helper, quoting,
// and the table (filled by builtins.ts) that lookups consult.

import type { Shell } from './shell.ts';

export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

export const specialBuiltins = new Set(['break', ':', '.', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);
export const keywords = new Set(['!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while', '{', '}']);

/** Every builtin by name; builtins.ts fills it when it loads. */
export const table: Record<string, Builtin> = {};

export async function fail(sh: Shell, name: string, msg: string, status = 1): Promise<number> {
  await sh.diag(msg, name);
  return status;
}

export function shq(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }
