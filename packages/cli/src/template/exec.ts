// Executes a parsed template over JS values with Go's semantics: plain objects
// are maps (missing key → "<no value>", sorted range), goStruct/class objects
// are structs (missing field → error), functions on an object are methods.

import { F64, formatValue, isGoStruct } from '../format/gofmt.ts';
import { TemplateError } from './lex.ts';
import type { Arg, Cmd, Node, Pipe, Tree } from './parse.ts';

/** The value Go prints for a missing map key of interface type. */
export const NO_VALUE = Symbol('no value');
/** Marks a map whose missing keys are "" (map[string]string, docker's table headers). */
export const STRING_MAP = Symbol('stringMap');

export type TemplateFunc = (...args: unknown[]) => unknown;

class Break { }
class Continue { }

export class ExecError extends TemplateError {}

function isStructLike(o: object): boolean {
  if (isGoStruct(o)) return true;
  const proto = Object.getPrototypeOf(o);
  return proto !== Object.prototype && proto !== null && !Array.isArray(o);
}

export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined || v === NO_VALUE) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof F64) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  const t = (v as { goType?: string }).goType;
  if (t) return t;
  return isStructLike(v as object) ? 'struct' : 'map[string]interface {}';
}

/** Go's truth: false, 0, nil, "" and empty collections are false. */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined || v === NO_VALUE) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof F64) return v.v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && !isStructLike(v)) return Object.keys(v).length > 0;
  return true;
}

export interface ExecOptions { /** text/template's Option("missingkey=error") */ missingKeyError?: boolean }

export function execute(tree: Tree, data: unknown, funcs: Record<string, TemplateFunc>, options: ExecOptions = {}): string {
  let out = '';
  const lineCol = (pos: number) => {
    const before = tree.src.slice(0, pos);
    const line = before.split('\n').length;
    return `${line}:${pos - (before.lastIndexOf('\n') + 1)}`;
  };
  const fail = (pos: number, at: string, msg: string): never => {
    throw new ExecError(`template: ${tree.name}:${lineCol(pos)}: executing "${tree.name}" at <${at}>: ${msg}`);
  };

  type Vars = { name: string; value: unknown }[];

  function field(recv: unknown, name: string, args: unknown[], pos: number, at: string, isLast: boolean): unknown {
    if (recv === NO_VALUE || recv === undefined) {
      return fail(pos, at, `nil pointer evaluating interface {}.${name}`);
    }
    if (recv === null) return fail(pos, at, `nil pointer evaluating interface {}.${name}`);
    if (typeof recv !== 'object' || recv instanceof F64) {
      return fail(pos, at, `can't evaluate field ${name} in type ${goTypeOf(recv)}`);
    }
    const o = recv as Record<string, unknown>;
    const member = o[name];
    if (typeof member === 'function') {
      return (member as (...a: unknown[]) => unknown).apply(o, args);
    }
    if (args.length && isLast) fail(pos, at, `${name} has arguments but cannot be invoked as function`);
    if (Array.isArray(recv)) return fail(pos, at, `can't evaluate field ${name} in type ${goTypeOf(recv)}`);
    if (isStructLike(o)) {
      if (!(name in o)) return fail(pos, at, `can't evaluate field ${name} in type ${goTypeOf(recv)}`);
      return member;
    }
    if (!Object.prototype.hasOwnProperty.call(o, name)) {
      if (options.missingKeyError) return fail(pos, at, `map has no entry for key ${JSON.stringify(name)}`);
      return (o as Record<symbol, unknown>)[STRING_MAP] ? '' : NO_VALUE;
    }
    return member;
  }

  function evalFields(recv: unknown, fields: string[], args: unknown[], pos: number, src: string): unknown {
    let v = recv;
    for (let i = 0; i < fields.length; i++) {
      const last = i === fields.length - 1;
      v = field(v, fields[i], last ? args : [], pos, src, last);
    }
    return v;
  }

  function lookupVar(vars: Vars, name: string): unknown {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === name) return vars[i].value;
    return undefined;
  }

  function evalArg(dot: unknown, vars: Vars, a: Arg): unknown {
    switch (a.t) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'bool': return a.v;
      case 'string': return a.v;
      case 'number': return a.float ? new F64(a.v) : a.v;
      case 'field': return evalFields(dot, a.fields, [], a.pos, a.src);
      case 'var': return evalFields(lookupVar(vars, a.name), a.fields, [], a.pos, a.src);
      case 'pipe': return evalPipe(dot, vars, a.pipe);
      case 'chain': return evalFields(evalArg(dot, vars, a.node), a.fields, [], a.pos, a.src);
      case 'ident': return callFunc(a.name, [], a.pos, dot, vars);
    }
  }

  function callFunc(name: string, argNodes: Arg[], pos: number, dot: unknown, vars: Vars, final?: { v: unknown }): unknown {
    if (name === 'and' || name === 'or') {
      const vals = argNodes.map((n) => () => evalArg(dot, vars, n));
      if (final) vals.push(() => final.v);
      if (!vals.length) fail(pos, name, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: unknown;
      for (const f of vals) { v = f(); if (name === 'and' ? !truth(v) : truth(v)) return v; }
      return v;
    }
    const fn = funcs[name];
    const args = argNodes.map((n) => evalArg(dot, vars, n));
    if (final) args.push(final.v);
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      return fail(pos, name, `error calling ${name}: ${(e as Error).message}`);
    }
  }

  function evalCmd(dot: unknown, vars: Vars, cmd: Cmd, final?: { v: unknown }): unknown {
    const [first, ...rest] = cmd.args;
    switch (first.t) {
      case 'ident': return callFunc(first.name, rest, first.pos, dot, vars, final);
      case 'field': case 'var': case 'chain': {
        const args = rest.map((n) => evalArg(dot, vars, n));
        if (final) args.push(final.v);
        const recv = first.t === 'field' ? dot : first.t === 'var' ? lookupVar(vars, first.name) : evalArg(dot, vars, first.node);
        if (!first.fields.length) {
          if (args.length) fail(first.pos, first.src, `can't give argument to non-function ${first.src}`);
          return recv;
        }
        return evalFields(recv, first.fields, args, first.pos, first.src);
      }
      case 'nil': return fail(first.pos, 'nil', 'nil is not a command');
      default:
        if (rest.length || final) fail(first.pos, formatValue(evalArg(dot, vars, first)), `can't give argument to non-function ${formatValue(evalArg(dot, vars, first))}`);
        return evalArg(dot, vars, first);
    }
  }

  function evalPipe(dot: unknown, vars: Vars, pipe: Pipe): unknown {
    let v: unknown;
    let has = false;
    for (const c of pipe.cmds) {
      v = evalCmd(dot, vars, c, has ? { v } : undefined);
      has = true;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) {
        for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === d) { vars[i].value = v; break; }
      } else vars.push({ name: d, value: v });
    }
    return v;
  }

  function print(v: unknown) {
    out += v === NO_VALUE ? '<no value>' : formatValue(v);
  }

  function walk(nodes: Node[], dot: unknown, vars: Vars): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text': out += n.text; break;
        case 'action': {
          const v = evalPipe(dot, vars, n.pipe);
          if (!n.pipe.decl.length) print(v);
          break;
        }
        case 'if': case 'with': {
          const mark = vars.length;
          const v = evalPipe(dot, vars, n.pipe);
          if (truth(v)) walk(n.list, n.t === 'with' ? v : dot, vars);
          else if (n.else) walk(n.else, dot, vars);
          vars.length = mark;
          break;
        }
        case 'range': {
          const mark = vars.length;
          const decl = n.pipe.decl;
          const v = evalPipe(dot, [...vars], { ...n.pipe, decl: [] });
          const items: [unknown, unknown][] = [];
          if (Array.isArray(v)) v.forEach((x, i) => items.push([i, x]));
          else if (typeof v === 'number') for (let i = 0; i < v; i++) items.push([i, i]);
          else if (v && typeof v === 'object' && !isStructLike(v) && !(v instanceof F64)) {
            for (const k of Object.keys(v).sort()) items.push([k, (v as Record<string, unknown>)[k]]);
          } else if (v !== null && v !== undefined && v !== NO_VALUE) {
            fail(n.pos, 'range', `range can't iterate over ${formatValue(v)}`);
          }
          if (!items.length) { if (n.else) walk(n.else, dot, vars); break; }
          for (const [k, x] of items) {
            if (decl.length === 1) vars.push({ name: decl[0], value: x });
            else if (decl.length === 2) vars.push({ name: decl[0], value: k }, { name: decl[1], value: x });
            try { walk(n.list, x, vars); } catch (e) {
              if (e instanceof Break) { vars.length = mark; break; }
              if (!(e instanceof Continue)) throw e;
            }
            vars.length = mark;
          }
          vars.length = mark;
          break;
        }
        case 'break': throw new Break();
        case 'continue': throw new Continue();
        case 'template': {
          const body = tree.defines.get(n.name);
          if (!body) fail(n.pos, `template ${n.name}`, `template ${JSON.stringify(n.name)} not defined`);
          const d = n.pipe ? evalPipe(dot, vars, n.pipe) : null;
          walk(body!, d, [{ name: '$', value: d }]);
          break;
        }
      }
    }
  }

  walk(tree.root, data, [{ name: '$', value: data }]);
  return out;
}
