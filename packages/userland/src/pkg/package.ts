// The package model both package managers share: what a package is called,
// its version, what it needs, how much it weighs once installed, and the
// files it puts on disk. The repositories of the simulated world carry no
// archives: a package's files are described here, and installing one writes
// them through system calls, so a build layer, `docker diff` and the image
// size see them as they would see the real ones.
//
// A file is written as a short string:
//   "usr/bin/curl=curl-alpine"   an executable running the userland program
//   "usr/lib/libcurl.so.4.8.0"   a file whose bytes do not matter (a library)
//   "...@250000"                 with its size in bytes; files without one
//                                share what the package's size leaves over
//   "usr/lib/libcurl.so.4>libcurl.so.4.8.0"   a symbolic link
//   "etc/ssl/certs/"             a directory

export interface PackageDef {
  name: string;
  version: string;
  /** One-line description (apk's T:, dpkg's Description). */
  desc: string;
  url?: string;
  license?: string;
  /** Installed size in bytes (apk's I:, dpkg's Installed-Size in KiB times 1024). */
  size: number;
  /** Download size in bytes (apk's S:, apt's "Get:" size). */
  dlsize?: number;
  /** Names this package needs (each also a package of the same index, or a name it provides). */
  deps?: readonly string[];
  /** Names this package also answers to (apk's p:, dpkg's Provides). */
  provides?: readonly string[];
  files?: readonly string[];
  /** Text files: path to content. */
  text?: Readonly<Record<string, string>>;
}

export type FileSpec =
  | { kind: 'exe'; path: string; program: string; size?: number }
  | { kind: 'blob'; path: string; size?: number }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'dir'; path: string }
  | { kind: 'text'; path: string; content: string };

/** Parses one entry of PackageDef.files. */
export function parseFile(spec: string): FileSpec {
  if (spec.endsWith('/')) return { kind: 'dir', path: spec.slice(0, -1) };
  const arrow = spec.indexOf('>');
  if (arrow > 0) return { kind: 'symlink', path: spec.slice(0, arrow), target: spec.slice(arrow + 1) };
  let body = spec;
  let size: number | undefined;
  const at = body.lastIndexOf('@');
  if (at > 0 && /^\d+$/.test(body.slice(at + 1))) { size = Number(body.slice(at + 1)); body = body.slice(0, at); }
  const eq = body.indexOf('=');
  if (eq > 0) return { kind: 'exe', path: body.slice(0, eq), program: body.slice(eq + 1), size };
  return { kind: 'blob', path: body, size };
}

/**
 * The files of a package with every regular file's size settled: unsized
 * files share what the declared installed size leaves over, so the package
 * weighs on disk what its index says.
 */
export function packageFiles(def: PackageDef): FileSpec[] {
  const files = (def.files ?? []).map(parseFile);
  for (const [path, content] of Object.entries(def.text ?? {})) files.push({ kind: 'text', path, content });
  let fixed = 0;
  const open: FileSpec[] = [];
  for (const f of files) {
    if (f.kind === 'text') fixed += new TextEncoder().encode(f.content).length;
    else if (f.kind === 'exe' || f.kind === 'blob') {
      if (f.size === undefined) open.push(f);
      else fixed += f.size;
    }
  }
  const rest = Math.max(0, def.size - fixed);
  open.forEach((f, i) => {
    if (f.kind === 'exe' || f.kind === 'blob') {
      f.size = Math.floor(rest / open.length) + (i === 0 ? rest % open.length : 0);
    }
  });
  return files;
}

/** Every directory a package's files live in, parents first, without duplicates. */
export function packageDirs(files: readonly FileSpec[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/');
    const upto = f.kind === 'dir' ? parts.length : parts.length - 1;
    for (let i = 1; i <= upto; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs];
}

/** A package index: packages by name, and names provided by other packages. */
export class PackageIndex {
  readonly byName = new Map<string, PackageDef>();
  readonly providers = new Map<string, PackageDef[]>();
  /** Position of each package in the index (orders output where the real tools' order is fixed). */
  readonly rank = new Map<string, number>();

  constructor(readonly packages: readonly PackageDef[]) {
    packages.forEach((p, i) => {
      this.byName.set(p.name, p);
      this.rank.set(p.name, i);
      for (const n of p.provides ?? []) {
        const list = this.providers.get(n) ?? [];
        list.push(p);
        this.providers.set(n, list);
      }
    });
  }

  /** The package a name selects: itself, or its only provider. */
  find(name: string): PackageDef | undefined {
    return this.byName.get(name) ?? this.providers.get(name)?.[0];
  }
}
