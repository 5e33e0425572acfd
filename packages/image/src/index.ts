// @dockersim/image: the OCI image model and the simulated registry.

export { Sha256, sha256, sha256Hex, toHex, fromHex } from './digest/sha256.ts';
export { type Digest, digestOf, isDigest, parseDigest, digestHex, shortId } from './digest/digest.ts';
export { type TarEntry, type TarEntryType, tarEntry } from './tar/entry.ts';
export { writeTar, writeTarChunks, readTar, DECLARED_SIZE_KEY } from './tar/tar.ts';
export {
  WHITEOUT_PREFIX, OPAQUE_WHITEOUT, WHITEOUT_META_PREFIX, isWhiteout, isOpaqueWhiteout,
  whiteoutTarget, whiteoutFor, opaqueWhiteoutFor,
} from './tar/whiteout.ts';
export {
  type Reference, ReferenceError, parseReference, parseNormalizedNamed, parseDockerRef, parseAnyReference,
  tagNameOnly, isValidTag, fullName, referenceString, familiarName, familiarString,
  DEFAULT_DOMAIN, LEGACY_DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX, DEFAULT_TAG,
} from './reference/reference.ts';
export { MediaType, type MediaTypeName, isIndexMediaType, isManifestMediaType, isLayerMediaType } from './oci/media-types.ts';
export type {
  Platform, Descriptor, Manifest, Index, HealthConfig, ContainerConfig, HistoryEntry, RootFs, ImageConfig,
} from './oci/types.ts';
export { canonicalJson, canonicalJsonBytes } from './oci/canonical-json.ts';
export { type Blob, toBlob, imageId } from './oci/image-id.ts';
export {
  KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB, humanSizeWithPrecision, humanSize, dockerSize, bytesSize,
  SizeParseError, fromHumanSize, ramInBytes, humanDuration, timeAgo,
} from './units/units.ts';
export { goFormatG } from './units/go-format.ts';
export { rfc3339, rfc3339Nano, rfc3339NanoFixed } from './units/go-time.ts';
export { type Layer, buildLayer, layerSize, layerTar, layerDescriptor } from './layer/layer.ts';
export { chainId, chainIds } from './layer/chain-id.ts';
export { RootfsBuilder, type Owner } from './build/rootfs.ts';
export {
  type BuildStep, type ImageSpec, type BuiltImage, type Arch, buildImage, buildIndex, imageSize, PLATFORMS, ARCH_NAMES,
} from './build/image.ts';
export { ALPINE_BUSYBOX_LAYOUT, BUSYBOX_IMAGE_APPLETS, COREUTILS_PROGRAMS } from './images/applets.ts';
export { buildAlpine, alpineRootfs, ALPINE_PASSWD, ALPINE_GROUP, ALPINE_VERSION } from './images/alpine.ts';
export { buildBusybox } from './images/busybox.ts';
export { buildDebian } from './images/debian.ts';
export { buildUbuntu, UBUNTU_OS_RELEASE } from './images/ubuntu.ts';
export { buildNginx, buildNginxAlpine } from './images/nginx.ts';
export { Registry, type Resolved, type RepositoryContent } from './registry/registry.ts';
export { RegistryError, type RegistryErrorCode, pullErrorMessage } from './registry/errors.ts';
export { createDefaultRegistry } from './registry/default-registry.ts';
export { type HistoryRow, historyRows } from './build/history.ts';
