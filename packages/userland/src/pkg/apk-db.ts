// apk's database on disk: /lib/apk/db/installed (one stanza of "X:value"
// lines per installed package, files as F: directory and R: file lines under
// it), /etc/apk/world (the names asked for, one a line, sorted), and the
// repository indexes cached in /var/cache/apk (APKINDEX.<sha1 of the index
// URL, 4 bytes>.tar.gz).

import { isSysError, ENOENT } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { readFile, writeFile } from '../libc/io.ts';
import { sha1 } from '../libc/hash.ts';
import { utf8 } from '../libc/io.ts';
import type { FileSpec, PackageDef, PackageIndex } from './package.ts';
import { ALPINE_BRANCH, ALPINE_MIRROR, ALPINE_REPOS } from './alpine-index.ts';

export const INSTALLED = '/lib/apk/db/installed';
export const WORLD = '/etc/apk/world';
export const CACHE_DIR = '/var/cache/apk';

export interface InstalledPkg { name: string; version: string; size: number; stanza: string }

async function readOr(sys: Sys, path: string, fallback: string): Promise<string> {
  try { return await readFile(sys, path); } catch (e) {
    if (!isSysError(e) || e.errno !== ENOENT) throw e;
    return fallback;
  }
}

function field(stanza: string, key: string): string | undefined {
  for (const l of stanza.split('\n')) if (l.startsWith(`${key}:`)) return l.slice(key.length + 1);
  return undefined;
}

export class ApkDb {
  constructor(readonly installed: InstalledPkg[], readonly world: string[]) {}

  static async load(sys: Sys, index: PackageIndex): Promise<ApkDb> {
    const text = await readOr(sys, INSTALLED, '');
    const installed: InstalledPkg[] = [];
    for (const stanza of text.split(/\n\n+/)) {
      const name = field(stanza, 'P');
      if (!name) continue;
      const def = index.byName.get(name);
      installed.push({
        name, stanza: stanza.replace(/\n+$/, ''),
        version: field(stanza, 'V') ?? def?.version ?? '',
        size: Number(field(stanza, 'I') ?? def?.size ?? 0),
      });
    }
    const world = (await readOr(sys, WORLD, '')).split(/\s+/).filter(Boolean);
    return new ApkDb(installed, world);
  }

  get(name: string): InstalledPkg | undefined { return this.installed.find((p) => p.name === name); }

  async save(sys: Sys): Promise<void> {
    await writeFile(sys, INSTALLED, this.installed.map((p) => `${p.stanza}\n`).join('\n') + (this.installed.length ? '\n' : ''));
    await writeFile(sys, WORLD, [...new Set(this.world)].sort().map((w) => `${w}\n`).join(''));
  }

  totalBytes(): number { return this.installed.reduce((n, p) => n + p.size, 0); }
}

/** The stanza apk writes for a package it installed. */
export function stanzaOf(def: PackageDef, arch: string, dirs: string[], files: FileSpec[], installTime: number): string {
  const lines = [
    `C:Q1${sha1(utf8(`${def.name}-${def.version}`)).slice(0, 26)}=`,
    `P:${def.name}`, `V:${def.version}`, `A:${arch}`, `S:${def.dlsize ?? Math.round(def.size * 0.42)}`, `I:${def.size}`,
    `T:${def.desc}`, `U:${def.url ?? ''}`, `L:${def.license ?? ''}`, `o:${def.name}`, `t:${Math.floor(installTime / 1000)}`,
  ];
  if (def.deps?.length) lines.push(`D:${def.deps.join(' ')}`);
  if (def.provides?.length) lines.push(`p:${def.provides.map((p) => `${p}=${def.version}`).join(' ')}`);
  const byDir = new Map<string, string[]>();
  for (const d of dirs) byDir.set(d, []);
  for (const f of files) {
    if (f.kind === 'dir') continue;
    const i = f.path.lastIndexOf('/');
    byDir.get(f.path.slice(0, i))?.push(f.path.slice(i + 1));
  }
  for (const [d, names] of byDir) {
    lines.push(`F:${d}`);
    for (const n of names) lines.push(`R:${n}`);
  }
  return lines.join('\n');
}

export interface RepoIndexFile { url: string; repoUrl: string; cacheName: string; size: number; describe: string; packages: number }

/** The configured repositories' index URLs and cache file names for an architecture. */
export function repoIndexes(arch: string, repositories: string[]): RepoIndexFile[] {
  return repositories.map((repoUrl) => {
    const url = `${repoUrl}/${arch}/APKINDEX.tar.gz`;
    const known = ALPINE_REPOS.find((r) => repoUrl === `${ALPINE_MIRROR}/${ALPINE_BRANCH}/${r.name}`);
    return {
      url, repoUrl, cacheName: `APKINDEX.${sha1(utf8(url)).slice(0, 8)}.tar.gz`,
      size: known?.name === 'main' ? 552_384 : 1_638_912,
      describe: known?.describe ?? '', packages: known?.packages ?? 0,
    };
  });
}

/** /etc/apk/repositories without comments and blank lines. */
export async function readRepositories(sys: Sys): Promise<string[]> {
  return (await readOr(sys, '/etc/apk/repositories', '')).split('\n').map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/\/+$/, ''));
}
