// Go text/template for docker's --format: parse once, execute over values.

import { execute, type ExecOptions, type TemplateFunc } from './exec.ts';
import { builtins, dockerFuncs } from './funcs.ts';
import { parse, type Tree } from './parse.ts';

export { TemplateError } from './lex.ts';
export { ExecError, NO_VALUE, STRING_MAP, truth, type ExecOptions, type TemplateFunc } from './exec.ts';
export { goJSON, builtins, dockerFuncs, headerFuncs } from './funcs.ts';

export class Template {
  private constructor(private readonly tree: Tree, private readonly funcs: Record<string, TemplateFunc>) {}

  /**
   * Parses like docker's templates.Parse (text/template with docker's
   * functions); throws TemplateError("template: NAME:LINE: ...").
   */
  static parse(src: string, name = '', extra: Record<string, TemplateFunc> = {}): Template {
    const funcs = { ...builtins, ...dockerFuncs, ...extra };
    return new Template(parse(name, src, new Set(Object.keys(funcs))), funcs);
  }

  /** Executes over data; `override` replaces functions (docker's HeaderFunctions). */
  execute(data: unknown, override: Record<string, TemplateFunc> = {}, options: ExecOptions = {}): string {
    return execute(this.tree, data, { ...this.funcs, ...override }, options);
  }
}
