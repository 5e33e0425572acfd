// Content digests as the OCI image spec writes them: "sha256:<64 hex>".
// Docker shows them whole (RepoDigests, "Digest: sha256:..."), shortened to
// 12 hex digits in tables (IMAGE ID), and accepts unique prefixes as ids.

import { Sha256 } from './sha256.ts';

/** "sha256:" followed by 64 lowercase hex digits. */
export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

/** The digest of bytes or of a string's UTF-8 encoding. */
export function digestOf(data: Uint8Array | string): Digest {
  return `sha256:${new Sha256().update(data).hex()}`;
}

/** True for a well-formed sha256 digest. */
export function isDigest(s: string): s is Digest {
  return DIGEST_RE.test(s);
}

/**
 * Parses a digest, as go-digest's Parse + Validate do.
 * @throws Error('invalid checksum digest format') when there is no algorithm,
 *   'unsupported digest algorithm' for another algorithm,
 *   'invalid checksum digest length' / 'invalid checksum digest format' for a bad hex part.
 */
export function parseDigest(s: string): Digest {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) throw new Error('invalid checksum digest format');
  const alg = s.slice(0, i);
  const hex = s.slice(i + 1);
  if (alg !== 'sha256') {
    if (alg === 'sha384' || alg === 'sha512') throw new Error('unsupported digest algorithm');
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*$/.test(alg)) throw new Error('invalid checksum digest format');
    throw new Error('unsupported digest algorithm');
  }
  if (hex.length !== 64) throw new Error('invalid checksum digest length');
  if (!/^[a-f0-9]{64}$/.test(hex)) throw new Error('invalid checksum digest format');
  return s as Digest;
}

/** The 64 hex digits after "sha256:". */
export function digestHex(d: Digest): string {
  return d.slice(7);
}

/** The 12-digit short id Docker prints in tables (`docker images`, `docker ps`). */
export function shortId(d: Digest | string): string {
  const hex = d.startsWith('sha256:') ? d.slice(7) : d;
  return hex.slice(0, 12);
}
