// Patterns shared by commands: run an operation per container name, print
// each name that succeeded, join the errors (docker's parallelOperation).

import type { Cli } from '../cli.ts';
import { StatusError } from '../cobra/command.ts';

/** Runs op for each name in order; prints the names that succeeded; fails with the joined errors. */
export async function forEachName(cli: Cli, names: string[], op: (name: string) => Promise<void>,
  opts: { print?: (name: string) => string | undefined; ignore?: (e: unknown) => boolean } = {}): Promise<void> {
  const errs: string[] = [];
  for (const name of names) {
    try {
      await op(name);
    } catch (e) {
      if (opts.ignore?.(e)) { await cli.err(cli.errorText(e) + '\n'); continue; }
      errs.push(cli.errorText(e));
      continue;
    }
    const line = opts.print ? opts.print(name) : name;
    if (line !== undefined) await cli.out(line + '\n');
  }
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}

/** Fails with the text docker prints for an API or connection error. */
export function apiFail(cli: Cli, e: unknown, status = 1): never {
  if (e instanceof StatusError) throw e;
  throw new StatusError(cli.errorText(e), status);
}

/** Reads all of a byte stream as text. */
export async function readAll(stream: { read(): Promise<Uint8Array | null> }): Promise<string> {
  const dec = new TextDecoder();
  let out = '';
  for (let c = await stream.read(); c; c = await stream.read()) out += dec.decode(c, { stream: true });
  return out + dec.decode();
}

/** opts.FilterOpt values → the API's filter map. */
export function filtersOf(list: string[]): Record<string, string[]> {
  const f: Record<string, string[]> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    const k = kv.slice(0, i).trim().toLowerCase();
    const v = kv.slice(i + 1).trim();
    (f[k] ??= []).push(v);
  }
  return f;
}
