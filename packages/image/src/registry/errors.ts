// The errors a registry answers with (distribution spec error codes), and the
// texts dockerd prints for them on `docker pull`.

import { familiarName, type Reference } from '../reference/reference.ts';

export type RegistryErrorCode = 'NAME_UNKNOWN' | 'MANIFEST_UNKNOWN' | 'BLOB_UNKNOWN' | 'NO_MATCHING_PLATFORM' | 'DIGEST_INVALID';

const MESSAGES: Record<RegistryErrorCode, string> = {
  NAME_UNKNOWN: 'repository name not known to registry',
  MANIFEST_UNKNOWN: 'manifest unknown',
  BLOB_UNKNOWN: 'blob unknown to registry',
  NO_MATCHING_PLATFORM: 'no matching manifest',
  DIGEST_INVALID: 'provided digest did not match uploaded content',
};

export class RegistryError extends Error {
  constructor(readonly code: RegistryErrorCode, message?: string, readonly data: Record<string, string> = {}) {
    super(message ?? MESSAGES[code]);
    this.name = 'RegistryError';
  }
}

/**
 * What dockerd prints when a pull fails with this registry error:
 * "pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
 * "manifest for alpine:nope not found: manifest unknown: manifest unknown".
 */
export function pullErrorMessage(e: RegistryError, ref: Reference): string {
  const name = familiarName(ref);
  switch (e.code) {
    case 'NAME_UNKNOWN':
      return `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
    case 'MANIFEST_UNKNOWN':
      return `manifest for ${name}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`} not found: manifest unknown: manifest unknown`;
    case 'NO_MATCHING_PLATFORM':
      return e.message;
    default:
      return e.message;
  }
}
