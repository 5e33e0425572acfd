// Shell variables: values, export and readonly attributes, and the stack of
// saved values that `local` pushes per function call.

export interface Var { v: string | undefined; x: boolean; ro: boolean }

export class Vars {
  readonly map: Map<string, Var>;
  private frames: Array<Map<string, Var | null>> = [];

  constructor(from?: Vars) {
    this.map = new Map();
    if (from) for (const [k, v] of from.map) this.map.set(k, { ...v });
  }

  get(name: string): string | undefined { return this.map.get(name)?.v; }

  /** @returns false when the variable is readonly */
  set(name: string, value: string, exported = false): boolean {
    const cur = this.map.get(name);
    if (cur) {
      if (cur.ro) return false;
      cur.v = value;
      if (exported) cur.x = true;
    } else this.map.set(name, { v: value, x: exported, ro: false });
    return true;
  }

  unset(name: string): boolean {
    const cur = this.map.get(name);
    if (cur?.ro) return false;
    if (cur && this.frames.length && this.isLocal(name)) { cur.v = undefined; return true; }
    this.map.delete(name);
    return true;
  }

  export(name: string, on = true): void {
    const cur = this.map.get(name);
    if (cur) cur.x = on;
    else if (on) this.map.set(name, { v: undefined, x: true, ro: false });
  }

  readonly(name: string): void {
    const cur = this.map.get(name);
    if (cur) cur.ro = true;
    else this.map.set(name, { v: undefined, x: false, ro: true });
  }

  isLocal(name: string): boolean { return this.frames[this.frames.length - 1]?.has(name) ?? false; }

  pushFrame(): void { this.frames.push(new Map()); }

  popFrame(): void {
    const f = this.frames.pop();
    if (!f) return;
    for (const [k, saved] of f) {
      if (saved) this.map.set(k, saved);
      else this.map.delete(k);
    }
  }

  /** `local name`: saves the current value for restoration when the function returns. */
  makeLocal(name: string): boolean {
    const f = this.frames[this.frames.length - 1];
    if (!f) return false;
    if (!f.has(name)) {
      const cur = this.map.get(name);
      f.set(name, cur ? { ...cur } : null);
    }
    return true;
  }

  inFunction(): boolean { return this.frames.length > 0; }

  /** The environment for execve: exported variables that have a value. */
  env(extra?: Map<string, string>): string[] {
    const out: string[] = [];
    for (const [k, v] of this.map) {
      if (extra?.has(k)) continue;
      if (v.x && v.v !== undefined) out.push(`${k}=${v.v}`);
    }
    if (extra) for (const [k, v] of extra) out.push(`${k}=${v}`);
    return out;
  }
}
