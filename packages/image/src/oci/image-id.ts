// Content addresses of image documents. Docker's image id is the digest of
// the config blob's bytes; a manifest's digest is the digest of its bytes.

import { digestOf, type Digest } from '../digest/digest.ts';
import { canonicalJsonBytes } from './canonical-json.ts';
import type { ImageConfig } from './types.ts';

/** A JSON document together with the exact bytes it is stored as, and their digest. */
export interface Blob<T> {
  value: T;
  bytes: Uint8Array;
  digest: Digest;
}

/** Serialises a document canonically and addresses it. */
export function toBlob<T>(value: T): Blob<T> {
  const bytes = canonicalJsonBytes(value);
  return { value, bytes, digest: digestOf(bytes) };
}

/** The image id Docker shows: sha256 of the config JSON (canonical bytes). */
export function imageId(config: ImageConfig): Digest {
  return digestOf(canonicalJsonBytes(config));
}
