// A layer: the tar of one filesystem change set, addressed by its digest.
//
// Layers are stored uncompressed ("application/vnd.oci.image.layer.v1.tar"),
// so a layer's blob digest equals its diff id (the digest of the uncompressed
// tar). Real registries store gzip and the two differ; nothing here depends on
// that difference, and `compressedSize` estimates what a pull would download.
//
// Size is logical: the sum of file sizes (symlinks count their target's
// length, hard links once), the way Docker measures a layer for
// `docker images`. Large binaries declare their size without carrying it
// (see TarEntry.data), so the tar stays small while sizes look real.

import { Sha256 } from '../digest/sha256.ts';
import type { Digest } from '../digest/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import type { Descriptor } from '../oci/types.ts';
import type { TarEntry } from '../tar/entry.ts';
import { writeTar, writeTarChunks } from '../tar/tar.ts';

export interface Layer {
  /** sha256 of the uncompressed tar: the rootfs.diff_ids entry. */
  diffId: Digest;
  /** Blob digest in the manifest; equal to diffId because blobs are stored uncompressed. */
  digest: Digest;
  mediaType: string;
  /** Bytes of the stored tar (the descriptor's size). */
  tarSize: number;
  /** Logical uncompressed size, what Docker reports for the layer. */
  size: number;
  /** Roughly what the gzip blob of the real image would weigh (for pull progress). */
  compressedSize: number;
  entries: readonly TarEntry[];
}

/** Builds a layer from its entries (hashing the tar as it is written, without keeping it). */
export function buildLayer(entries: readonly TarEntry[]): Layer {
  const h = new Sha256();
  let tarSize = 0;
  writeTarChunks(entries, (c) => { h.update(c); tarSize += c.length; });
  const diffId: Digest = `sha256:${h.hex()}`;
  const size = layerSize(entries);
  return {
    diffId, digest: diffId, mediaType: MediaType.OciLayer, tarSize, size,
    compressedSize: Math.round(size * 0.42), entries,
  };
}

/** The logical size of a change set, as Docker's directory size walk counts it. */
export function layerSize(entries: readonly TarEntry[]): number {
  let size = 0;
  for (const e of entries) {
    if (e.type === 'file') size += e.size;
    else if (e.type === 'symlink') size += new TextEncoder().encode(e.linkname).length;
  }
  return size;
}

/** The stored bytes of a layer blob (its tar). */
export function layerTar(layer: Layer): Uint8Array {
  return writeTar(layer.entries);
}

/** The manifest descriptor of a layer. */
export function layerDescriptor(layer: Layer): Descriptor {
  return { mediaType: layer.mediaType, digest: layer.digest, size: layer.tarSize };
}
