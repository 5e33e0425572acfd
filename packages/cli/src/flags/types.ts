// Flag value types of the docker CLI (pflag's and docker/cli/opts'), named as
// `--help` shows them ("list", "bytes", "duration", ...), each with its parser.

import { parseBool, parseDuration, parseInt0 } from './goparse.ts';
import { ramInBytes } from '@dockersim/image';

export type FlagType =
  | 'bool' | 'string' | 'int' | 'int64' | 'uint' | 'uint16' | 'uint64' | 'list' | 'stringArray' | 'strings'
  | 'map' | 'filter' | 'bytes' | 'decimal' | 'duration' | 'mount' | 'network' | 'ulimit'
  | 'gpu-request' | 'pref' | 'external-ca' | 'command' | 'node-addr' | 'port' | 'secret' | 'config';

export interface FlagSpec {
  type: FlagType;
  short?: string;
  usage: string;
  /** The initial value (typed); defaults to the type's zero. */
  default?: unknown;
  /**
   * The default as `--help` prints it after "(default ...)"; absent when pflag
   * considers it the zero value and prints nothing.
   */
  defValue?: string;
  /** The value a bare `--flag` takes (bools: "true"). */
  noOptDefVal?: string;
  hidden?: boolean;
  /** The shorthand still works but prints this deprecation and is hidden in help. */
  shorthandDeprecated?: string;
  deprecated?: string;
  /** Extra validation of each value (docker's opts.ValidatorFctType). */
  validate?: (v: string) => string;
  /** Annotations docker uses to hide flags: {experimental, version, swarm, ostype}. */
  annotations?: Record<string, string>;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** The value a flag holds before any argument sets it. */
export function zeroOf(spec: FlagSpec): unknown {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  switch (spec.type) {
    case 'bool': return false;
    case 'string': return '';
    case 'int': case 'int64': case 'uint': case 'uint16': case 'uint64': case 'bytes': case 'duration': case 'decimal': return 0;
    case 'map': return {};
    default: return [];
  }
}

/** Parses one occurrence and returns the flag's new value. Throws with Go's message. */
export function applyValue(spec: FlagSpec, current: unknown, raw: string): unknown {
  switch (spec.type) {
    case 'bool': return parseBool(raw);
    case 'string': return raw;
    case 'int': case 'int64': return parseInt0(raw, 64);
    case 'uint': case 'uint64': return parseInt0(raw, 64, true);
    case 'uint16': return parseInt0(raw, 16, true);
    case 'bytes': return raw === '' ? 0 : ramInBytes(raw);
    case 'duration': return parseDuration(raw);
    case 'decimal': return parseNanoCpus(raw);
    case 'map': {
      const m = { ...(current as Record<string, string>) };
      const v = spec.validate ? spec.validate(raw) : raw;
      const eq = v.indexOf('=');
      if (eq < 0) m[v] = ''; else m[v.slice(0, eq)] = v.slice(eq + 1);
      return m;
    }
    case 'filter': {
      if (!raw.includes('=')) throw new Error('bad format of filter (expected name=value)');
      return [...(current as string[]), raw];
    }
    case 'strings': return [...(current as string[]), ...raw.split(',')];
    default: {
      const v = spec.validate ? spec.validate(raw) : raw;
      return [...(current as string[]), v];
    }
  }
}

/** opts.NanoCPUs: a rational number of CPUs, in billionths. */
export function parseNanoCpus(raw: string): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(raw);
  let value: number;
  if (frac) value = Number(frac[1]) / Number(frac[2]);
  else if (m && (m[2] || m[3])) value = Number(raw);
  else throw new Error(`failed to parse ${raw} as a rational number`);
  const nano = value * 1e9;
  if (Math.abs(nano - Math.round(nano)) > 1e-6) throw new Error('value is too precise');
  return Math.round(nano);
}

/** The type name `--help` prints after the flag ("" for bools). */
export function typeNameOf(spec: FlagSpec): string {
  switch (spec.type) {
    case 'bool': return '';
    case 'int64': return 'int';
    case 'uint64': return 'uint';
    default: return spec.type;
  }
}
