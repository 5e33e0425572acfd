// Instruction flags (`COPY --chown=1:1`), parsed as buildkit's BFlags does,
// with its error texts.

import { withSuggestion } from './suggest.ts';

type FlagType = 'bool' | 'string' | 'strings';

export class BFlags {
  private readonly defs = new Map<string, FlagType>();
  readonly values = new Map<string, string>();
  readonly lists = new Map<string, string[]>();
  readonly used = new Set<string>();

  constructor(private readonly args: readonly string[]) {}

  add(name: string, type: FlagType): this { this.defs.set(name, type); return this; }
  str(name: string): string { return this.values.get(name) ?? ''; }
  bool(name: string): boolean { return this.values.get(name) === 'true'; }
  strs(name: string): string[] { return this.lists.get(name) ?? []; }

  parse(): void {
    for (const a of this.args) {
      if (a === '--') return;
      if (!a.startsWith('--')) throw new Error(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? '' : a.slice(eq + 1);
      const hasValue = eq >= 0;
      const name = flagName.slice(2);
      const type = this.defs.get(name);
      if (!type) throw new Error(withSuggestion(`unknown flag: ${flagName}`, name, [...this.defs.keys()], true));
      if (this.used.has(name) && type !== 'strings') throw new Error(`duplicate flag specified: ${flagName}`);
      this.used.add(name);
      if (type === 'bool') {
        if (hasValue && value === '') throw new Error(`missing a value on flag: ${flagName}`);
        const v = value.toLowerCase();
        if (v === 'true' || v === '') this.values.set(name, 'true');
        else if (v === 'false') this.values.set(name, 'false');
        else throw new Error(`expecting boolean value for flag ${flagName}, not: ${value}`);
      } else {
        if (!hasValue) throw new Error(`missing a value on flag: ${flagName}`);
        if (type === 'string') this.values.set(name, value);
        else this.lists.set(name, [...this.strs(name), value]);
      }
    }
  }
}
