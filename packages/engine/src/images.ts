// dockerd's image store: images by id (the config digest), references
// (repo:tag and repo@digest) pointing at them, and pulling from a registry
// into the overlay2 layer store with Docker's progress messages.

import type { Sys } from '@dockersim/kernel';
import {
  familiarName, familiarString, parseNormalizedNamed, referenceString, tagNameOnly, type Digest, type ImageConfig,
  type Reference, ReferenceError, chainId, imageId, shortId,
} from '@dockersim/image';
import { EngineError, notFound, type ProgressMessage } from '@dockersim/engine-api';
import type { ByteQueue } from './byte-queue.ts';
import { LayerStore, type Layer } from './layers.ts';
import { randomHex } from './util.ts';

/** How dockerd reaches a registry (Docker Hub). */
export interface RegistryPort {
  /** Resolves a reference for linux/amd64; throws EngineError with the registry's answer when unknown. */
  resolve(ref: Reference): { repoDigest: Digest; config: ImageConfig; layers: { digest: Digest; diffId: Digest; size: number }[] };
  /** A layer's uncompressed tar. */
  layerTar(digest: Digest): Uint8Array;
}

export interface StoredImage {
  id: Digest;
  config: ImageConfig;
  repoTags: string[];      // familiar strings: "alpine:latest"
  repoDigests: string[];   // "alpine@sha256:..."
  top: Layer | undefined;
  size: number;
  lastTagTime: number;
  /** A build step's result (cache), not listed by `docker images`. */
  intermediate?: boolean;
  /** Made by a build and exported: listed even when untagged (dangling). */
  visible?: boolean;
}

export class ImageStore {
  readonly layers = new LayerStore();
  private readonly byId = new Map<string, StoredImage>();
  /** full reference string → image id */
  private readonly refs = new Map<string, Digest>();

  constructor(private readonly sys: Sys) {}

  all(): StoredImage[] { return [...this.byId.values()]; }

  /** Finds an image by reference, full or short id, as dockerd's GetImage does. */
  get(name: string): StoredImage | undefined {
    if (/^(sha256:)?[0-9a-f]{64}$/.test(name)) return this.byId.get(name.startsWith('sha256:') ? name : `sha256:${name}`);
    let ref: Reference | undefined;
    try { ref = tagNameOnly(parseNormalizedNamed(name)); } catch { /* not a reference */ }
    if (ref) {
      const id = this.refs.get(referenceString(ref));
      if (id) return this.byId.get(id);
    }
    const prefix = name.startsWith('sha256:') ? name.slice(7) : name;
    if (/^[0-9a-f]{1,64}$/.test(prefix)) {
      const found = [...this.byId.values()].filter((i) => i.id.slice(7).startsWith(prefix));
      if (found.length === 1) return found[0];
    }
    return undefined;
  }

  /** Adds an image (or finds it) and points ref at it, moving the tag off any other image. */
  add(config: ImageConfig, top: Layer | undefined, ref?: Reference, repoDigest?: string): StoredImage {
    const id = imageId(config);
    let img = this.byId.get(id);
    if (!img) {
      let size = 0;
      for (let l = top; l; l = l.parent) size += l.size;
      img = { id, config, repoTags: [], repoDigests: [], top, size, lastTagTime: 0 };
      this.byId.set(id, img);
    }
    if (ref) this.tag(img, ref);
    if (repoDigest && !img.repoDigests.includes(repoDigest)) img.repoDigests.push(repoDigest);
    return img;
  }

  tag(img: StoredImage, ref: Reference): void {
    const full = referenceString(ref);
    const prev = this.refs.get(full);
    if (prev === img.id) return;
    if (prev) {
      const old = this.byId.get(prev);
      if (old) old.repoTags = old.repoTags.filter((t) => t !== familiarString(ref));
    }
    this.refs.set(full, img.id);
    img.repoTags.push(familiarString(ref));
    img.lastTagTime = this.sys.now();
  }

  untag(img: StoredImage, familiar: string): void {
    img.repoTags = img.repoTags.filter((t) => t !== familiar);
    for (const [k, v] of this.refs) if (v === img.id && familiarString(parseNormalizedNamed(k)) === familiar) this.refs.delete(k);
  }

  delete(img: StoredImage): void {
    for (const [k, v] of this.refs) if (v === img.id) this.refs.delete(k);
    this.byId.delete(img.id);
  }

  /**
   * Pulls ref from the registry, writing Docker's progress messages into out.
   * Resolves with the image; errors are written as an errorDetail message.
   */
  async pull(registry: RegistryPort, name: string, tag: string | undefined, out: ByteQueue): Promise<StoredImage | undefined> {
    const send = (m: ProgressMessage) => out.push(new TextEncoder().encode(JSON.stringify(m) + '\r\n'));
    let ref: Reference;
    try {
      ref = parseNormalizedNamed(tag ? (tag.startsWith('sha256:') ? `${name}@${tag}` : `${name}:${tag}`) : name);
      ref = tagNameOnly(ref);
    } catch (e) {
      throw new EngineError('InvalidParameter', e instanceof ReferenceError ? e.message : String(e));
    }
    const resolved = registry.resolve(ref);
    send({ status: `Pulling from ${ref.path}`, id: ref.tag ?? ref.digest ?? 'latest' });
    let parent: Layer | undefined;
    const fresh: string[] = [];
    // An image already held (same config digest) needs no layers: only the tag moves.
    const held = this.byId.get(imageId(resolved.config));
    for (const l of held ? [] : resolved.layers) {
      const id = shortId(l.digest);
      const chain = chainId(parent ? [parent.chainId as Digest, l.diffId] : [l.diffId])!;
      const have = this.layers.get(chain);
      if (have) { send({ status: 'Already exists', progressDetail: {}, id }); parent = have; continue; }
      send({ status: 'Pulling fs layer', progressDetail: {}, id });
      fresh.push(l.digest);
      const tar = registry.layerTar(l.digest);
      send({ status: 'Downloading', progressDetail: { current: l.size, total: l.size }, id });
      send({ status: 'Verifying Checksum', progressDetail: {}, id });
      send({ status: 'Download complete', progressDetail: {}, id });
      send({ status: 'Extracting', progressDetail: { current: l.size, total: l.size }, id });
      parent = await this.layers.apply(this.sys, parent, l.diffId, tar, randomHex(this.sys, 32));
      send({ status: 'Pull complete', progressDetail: {}, id });
    }
    const before = this.get(referenceString(ref));
    const repoDigest = `${familiarName(ref)}@${resolved.repoDigest}`;
    const img = this.add(resolved.config, held ? held.top : parent, ref.tag ? ref : undefined, repoDigest);
    send({ status: `Digest: ${resolved.repoDigest}` });
    const shown = familiarString(ref);
    send({ status: before && before.id === img.id ? `Status: Image is up to date for ${shown}` : `Status: Downloaded newer image for ${shown}` });
    return img;
  }

}


export function noSuchImage(name: string): EngineError {
  return notFound(`No such image: ${name}`);
}
