// Image references as distribution/reference parses and normalises them:
// "alpine" is docker.io/library/alpine:latest, "user/repo:tag" lives on
// Docker Hub, "localhost:5000/x" and "registry.example.com/x" name another
// registry, "name@sha256:..." pins a digest. Error texts are the library's.

import { parseDigest, type Digest } from '../digest/digest.ts';

export const DEFAULT_DOMAIN = 'docker.io';
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
export const REPOSITORY_NAME_MAX = 255;

// The grammar of reference/regexp.go, written as JavaScript regexps.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE_RE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const ANCHORED_TAG_RE = new RegExp(`^${tagPat}$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;

/** A parsed, normalised reference. `domain` and `path` make the name; tag and digest are optional. */
export interface Reference {
  /** Registry host ("docker.io", "localhost:5000"). */
  domain: string;
  /** Repository path within the registry ("library/alpine", "user/repo"). */
  path: string;
  tag?: string;
  digest?: Digest;
}

/** An error from parsing a reference; `message` is the text Docker prints. */
export class ReferenceError extends Error {
  readonly code = 'InvalidReference';
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceError';
  }
}

/** reference.Parse: a reference exactly as written, without normalisation. */
export function parseReference(s: string): Reference {
  if (s === '') throw new ReferenceError('repository name must have at least one component');
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    if (lower !== s && REFERENCE_RE.test(lower)) throw new ReferenceError('repository name must be lowercase');
    throw new ReferenceError('invalid reference format');
  }
  const nm = ANCHORED_NAME_RE.exec(m[1]!);
  const ref: Reference = nm ? { domain: nm[1] ?? '', path: nm[2]! } : { domain: '', path: m[1]! };
  if (ref.path.length > REPOSITORY_NAME_MAX) {
    throw new ReferenceError(`repository name must not be more than ${REPOSITORY_NAME_MAX} characters`);
  }
  if (m[2]) ref.tag = m[2];
  if (m[3]) {
    try {
      ref.digest = parseDigest(m[3]);
    } catch (e) {
      throw new ReferenceError((e as Error).message);
    }
  }
  return ref;
}

/** splitDockerDomain: which part of a familiar name is the registry. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, rest];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, rest];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, rest];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, rest];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/**
 * reference.ParseNormalizedNamed: a reference as the user types it, normalised
 * ("alpine" → docker.io/library/alpine, no tag added).
 * @throws ReferenceError with Docker's text, e.g. "invalid reference format",
 *   "invalid reference format: repository name (library/Alpine) must be lowercase".
 */
export function parseNormalizedNamed(s: string): Reference {
  if (IDENTIFIER_RE.test(s)) {
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new ReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  return parseReference(`${domain}/${remainder}`);
}

/** reference.TagNameOnly: adds ":latest" when there is neither tag nor digest. */
export function tagNameOnly(ref: Reference): Reference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/**
 * reference.ParseDockerRef: normalised, ":latest" added when bare, and the tag
 * dropped when a digest is also given (the digest wins, as in `docker pull`).
 */
export function parseDockerRef(s: string): Reference {
  const ref = parseNormalizedNamed(s);
  if (ref.tag !== undefined && ref.digest !== undefined) return { domain: ref.domain, path: ref.path, digest: ref.digest };
  return tagNameOnly(ref);
}

/** Either an image id (64 hex or "sha256:<hex>") or a normalised reference, as ParseAnyReference. */
export function parseAnyReference(s: string): { id: Digest } | Reference {
  if (IDENTIFIER_RE.test(s)) return { id: `sha256:${s}` };
  try {
    return { id: parseDigest(s) };
  } catch {
    return parseNormalizedNamed(s);
  }
}

/** True when s is a valid tag ("latest", "3.22", "v1_beta-2"). */
export function isValidTag(s: string): boolean {
  return ANCHORED_TAG_RE.test(s);
}

/** The full name: "docker.io/library/alpine". */
export function fullName(ref: Reference): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

/** The full reference string: "docker.io/library/alpine:latest", "x@sha256:..." */
export function referenceString(ref: Reference): string {
  return fullName(ref) + (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}

/** The name as Docker shows it: "alpine", "user/repo", "localhost:5000/x". */
export function familiarName(ref: Reference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return fullName(ref);
  if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** The reference as Docker shows it: "alpine:latest", "user/repo@sha256:...". */
export function familiarString(ref: Reference): string {
  return familiarName(ref) + (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}
