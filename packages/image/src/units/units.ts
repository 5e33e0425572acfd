// docker/go-units: how Docker prints and parses sizes and durations.
// `docker images` and `docker history` print sizes with
// HumanSizeWithPrecision(size, 3) ("8.31MB", "1.2kB", "0B"); `docker ps`
// prints "Up 2 hours" and `docker images` "2 weeks ago" with HumanDuration.

import { goFormatG } from './go-format.ts';

export const KB = 1000;
export const MB = 1000 * KB;
export const GB = 1000 * MB;
export const TB = 1000 * GB;
export const PB = 1000 * TB;
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;
export const PiB = 1024 * TiB;

const DECIMAL_ABBRS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_ABBRS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL_MAP: Record<string, number> = { k: KB, m: MB, g: GB, t: TB, p: PB };
const BINARY_MAP: Record<string, number> = { k: KiB, m: MiB, g: GiB, t: TiB, p: PiB };

function sizeAndUnit(size: number, base: number, abbrs: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < abbrs.length - 1) {
    size /= base;
    i++;
  }
  return [size, abbrs[i]!];
}

/** units.HumanSizeWithPrecision: decimal units, `precision` significant digits. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [s, unit] = sizeAndUnit(size, 1000, DECIMAL_ABBRS);
  return goFormatG(s, precision) + unit;
}

/** units.HumanSize: four significant digits ("1.049MB"). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** The size column of `docker images`, `docker history`, `docker ps -s`: three digits. */
export function dockerSize(size: number): string {
  return humanSizeWithPrecision(size, 3);
}

/** units.BytesSize: binary units, four digits ("3.42GiB"). */
export function bytesSize(size: number): string {
  const [s, unit] = sizeAndUnit(size, 1024, BINARY_ABBRS);
  return goFormatG(s, 4) + unit;
}

/** An error from parsing a size; `message` is go-units' text. */
export class SizeParseError extends Error {
  readonly code = 'InvalidSize';
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseFloatGo(s: string): number {
  if (!FLOAT_RE.test(s)) throw new SizeParseError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function parseSize(sizeStr: string, map: Record<string, number>): number {
  // go-units v0.5.0 (what Docker 28 vendors): the number ends at the last digit, dot or space.
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(sizeStr[i]!)) { sep = i; break; }
  }
  if (sep === -1) throw new SizeParseError(`invalid size: '${sizeStr}'`);
  const num = sizeStr[sep] === ' ' ? sizeStr.slice(0, sep) : sizeStr.slice(0, sep + 1);
  let sfx = sizeStr.slice(sep + 1);
  let size = parseFloatGo(num);
  if (size < 0) throw new SizeParseError(`invalid size: '${sizeStr}'`);
  size = size + 0; // -0 parses to int64 0
  if (sfx.length === 0) return Math.trunc(size);
  const bad = (): never => { throw new SizeParseError(`invalid suffix: '${sfx}'`); };
  if (sfx.length > 3) bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) bad();
    return Math.trunc(size);
  }
  const mul = map[sfx[0]!];
  if (mul === undefined) return bad();
  size *= mul;
  if (sfx.length === 2 && sfx[1] !== 'b') bad();
  if (sfx.length === 3 && sfx.slice(1) !== 'ib') bad();
  return Math.trunc(size);
}

/** units.FromHumanSize: "32kB" → 32000. @throws SizeParseError with go-units' text. */
export function fromHumanSize(s: string): number {
  return parseSize(s, DECIMAL_MAP);
}

/** units.RAMInBytes: "32m" → 33554432 (as `--memory`, `--shm-size` parse). @throws SizeParseError. */
export function ramInBytes(s: string): number {
  return parseSize(s, BINARY_MAP);
}

/** units.HumanDuration of a duration in milliseconds ("About an hour", "2 weeks"). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** The CREATED column of `docker images`/`docker ps`: HumanDuration + " ago". */
export function timeAgo(nowMs: number, thenMs: number): string {
  return `${humanDuration(nowMs - thenMs)} ago`;
}
