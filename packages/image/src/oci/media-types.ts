// Media types of the OCI image spec and of Docker's image manifest v2 schema 2.

export const MediaType = {
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayer: 'application/vnd.oci.image.layer.v1.tar',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  InTotoAttestation: 'application/vnd.in-toto+json',
} as const;

export type MediaTypeName = (typeof MediaType)[keyof typeof MediaType];

/** True for an index or a Docker manifest list. */
export function isIndexMediaType(t: string): boolean {
  return t === MediaType.OciIndex || t === MediaType.DockerManifestList;
}

/** True for an OCI or Docker v2 image manifest. */
export function isManifestMediaType(t: string): boolean {
  return t === MediaType.OciManifest || t === MediaType.DockerManifest;
}

/** True for a layer media type (compressed or not, OCI or Docker). */
export function isLayerMediaType(t: string): boolean {
  return t.startsWith('application/vnd.oci.image.layer.') || t.startsWith('application/vnd.docker.image.rootfs.');
}
