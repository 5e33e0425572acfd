// A registry (Docker Hub by default): repositories of tags pointing at
// manifests or indexes, and blobs by digest. Repositories may be lazy, built
// on first use, so start-up costs nothing until an image is pulled.

import type { Digest } from '../digest/digest.ts';
import { fullName, type Reference } from '../reference/reference.ts';
import { buildIndex, type BuiltImage } from '../build/image.ts';
import { layerTar, type Layer } from '../layer/layer.ts';
import { isIndexMediaType } from '../oci/media-types.ts';
import type { Blob } from '../oci/image-id.ts';
import type { ImageConfig, Index, Manifest, Platform } from '../oci/types.ts';
import { RegistryError } from './errors.ts';

/** What `docker pull` needs from the registry for one platform. */
export interface Resolved {
  /** The digest `docker pull` prints and RepoDigests hold: the index's when the tag names an index. */
  indexDigest?: Digest;
  manifestDigest: Digest;
  manifest: Manifest;
  configDigest: Digest;
  config: ImageConfig;
  layers: Layer[];
}

/** The images one repository holds: per-platform images and the tags (all naming the same index). */
export interface RepositoryContent {
  /** Tag groups: each list of tags names one multi-platform image. */
  images: { tags: string[]; platforms: BuiltImage[] }[];
}

interface Repository {
  tags: Map<string, Digest>;
  /** manifests and indexes of this repository by digest */
  documents: Set<Digest>;
}

type Document = { kind: 'index'; blob: Blob<Index> } | { kind: 'manifest'; blob: Blob<Manifest> };

export class Registry {
  private readonly _repos = new Map<string, Repository>();
  private readonly _lazy = new Map<string, () => RepositoryContent>();
  private readonly _documents = new Map<Digest, Document>();
  private readonly _configs = new Map<Digest, Blob<ImageConfig>>();
  private readonly _layers = new Map<Digest, Layer>();

  /** @param domain the registry host references must name ("docker.io"). */
  constructor(readonly domain = 'docker.io') {}

  /** Registers a repository whose content is built on first access ("library/alpine"). */
  define(path: string, build: () => RepositoryContent): void {
    this._lazy.set(path, build);
  }

  /** Repository paths this registry knows (built or not). */
  repositories(): string[] {
    return [...new Set([...this._repos.keys(), ...this._lazy.keys()])].sort();
  }

  /** Tags of a repository. @throws RegistryError NAME_UNKNOWN */
  tags(path: string): string[] {
    return [...this._repo(path).tags.keys()].sort();
  }

  /**
   * Resolves a reference for a platform, as a pull does.
   * @throws RegistryError NAME_UNKNOWN (no such repository), MANIFEST_UNKNOWN (no such tag or digest),
   *   NO_MATCHING_PLATFORM (the index lacks the platform).
   */
  resolve(ref: Reference, platform: Platform = { os: 'linux', architecture: 'amd64' }): Resolved {
    if (ref.domain !== this.domain) throw new RegistryError('NAME_UNKNOWN');
    const repo = this._repo(ref.path);
    const digest = ref.digest ?? repo.tags.get(ref.tag ?? 'latest');
    if (!digest || !repo.documents.has(digest)) throw new RegistryError('MANIFEST_UNKNOWN');
    const doc = this._documents.get(digest)!;
    let indexDigest: Digest | undefined;
    let manifest: Blob<Manifest>;
    if (doc.kind === 'index') {
      indexDigest = digest;
      const entry = doc.blob.value.manifests.find((m) => m.platform && matches(m.platform, platform));
      if (!entry) {
        const want = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
        throw new RegistryError('NO_MATCHING_PLATFORM', `no matching manifest for ${want} in the manifest list entries`);
      }
      manifest = (this._documents.get(entry.digest) as { blob: Blob<Manifest> }).blob;
    } else {
      manifest = doc.blob;
    }
    const config = this._configs.get(manifest.value.config.digest)!;
    return {
      ...(indexDigest ? { indexDigest } : {}),
      manifestDigest: manifest.digest,
      manifest: manifest.value,
      configDigest: config.digest,
      config: config.value,
      layers: manifest.value.layers.map((l) => this._layers.get(l.digest)!),
    };
  }

  /** A blob's bytes: a layer tar, a config, a manifest or an index. @throws RegistryError BLOB_UNKNOWN */
  blob(digest: Digest): Uint8Array {
    const layer = this._layers.get(digest);
    if (layer) return layerTar(layer);
    const config = this._configs.get(digest);
    if (config) return config.bytes;
    const doc = this._documents.get(digest);
    if (doc) return doc.blob.bytes;
    throw new RegistryError('BLOB_UNKNOWN');
  }

  /** A layer with its entries (saves unpackers a tar round trip). @throws RegistryError BLOB_UNKNOWN */
  layer(digest: Digest): Layer {
    const layer = this._layers.get(digest);
    if (!layer) throw new RegistryError('BLOB_UNKNOWN');
    return layer;
  }

  hasBlob(digest: Digest): boolean {
    return this._layers.has(digest) || this._configs.has(digest) || this._documents.has(digest);
  }

  /**
   * Stores images under a repository and tag (`docker push`). Several platforms
   * are grouped under an index; one is stored as a plain manifest.
   * @returns the digest the tag now names.
   */
  push(ref: Reference, platforms: readonly BuiltImage[]): Digest {
    if (ref.domain !== this.domain) throw new RegistryError('NAME_UNKNOWN');
    let repo = this._repos.get(ref.path);
    if (!repo) {
      this._materialise(ref.path);
      repo = this._repos.get(ref.path);
    }
    if (!repo) {
      repo = { tags: new Map(), documents: new Set() };
      this._repos.set(ref.path, repo);
    }
    const digest = this._store(repo, platforms);
    repo.tags.set(ref.tag ?? 'latest', digest);
    return digest;
  }

  private _store(repo: Repository, platforms: readonly BuiltImage[]): Digest {
    for (const img of platforms) {
      for (const l of img.layers) this._layers.set(l.digest, l);
      this._configs.set(img.config.digest, img.config);
      this._documents.set(img.manifest.digest, { kind: 'manifest', blob: img.manifest });
      repo.documents.add(img.manifest.digest);
    }
    if (platforms.length === 1) return platforms[0]!.manifest.digest;
    const index = buildIndex(platforms);
    this._documents.set(index.digest, { kind: 'index', blob: index });
    repo.documents.add(index.digest);
    return index.digest;
  }

  private _repo(path: string): Repository {
    this._materialise(path);
    const repo = this._repos.get(path);
    if (!repo) throw new RegistryError('NAME_UNKNOWN');
    return repo;
  }

  private _materialise(path: string): void {
    const build = this._lazy.get(path);
    if (!build || this._repos.has(path)) return;
    this._lazy.delete(path);
    const repo: Repository = { tags: new Map(), documents: new Set() };
    this._repos.set(path, repo);
    for (const group of build().images) {
      const digest = this._store(repo, group.platforms);
      for (const t of group.tags) repo.tags.set(t, digest);
    }
  }
}

function matches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || have.architecture !== want.architecture) return false;
  return !want.variant || have.variant === want.variant;
}

/** The media type kind of a stored document. */
export function isIndex(doc: { mediaType: string }): boolean {
  return isIndexMediaType(doc.mediaType);
}

export { fullName };
