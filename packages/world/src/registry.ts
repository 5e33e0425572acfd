// Docker Hub, as this world's dockerd reaches it: the image package's
// simulated registry with the base images, behind dockerd's RegistryPort.

import { createDefaultRegistry, familiarName, type Reference } from '@dockersim/image';
import { EngineError } from '@dockersim/engine-api';
import type { RegistryPort } from '@dockersim/engine';

export function registryPort(): RegistryPort {
  const reg = createDefaultRegistry();
  return {
    resolve(ref: Reference) {
      try {
        const r = reg.resolve(ref, { os: 'linux', architecture: 'amd64' });
        return {
          repoDigest: r.indexDigest ?? r.manifestDigest,
          config: r.config,
          layers: r.layers.map((l, i) => ({ digest: l.digest, diffId: r.config.rootfs.diff_ids[i], size: l.size })),
        };
      } catch (e) {
        const name = familiarName(ref);
        const msg = e instanceof Error ? e.message : String(e);
        if (/repository|not found|unknown/i.test(msg) && !/manifest/i.test(msg)) {
          throw new EngineError('NotFound', `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
        }
        throw new EngineError('NotFound', `manifest for ${name}:${ref.tag ?? 'latest'} not found: manifest unknown: manifest unknown`);
      }
    },
    layerTar(digest) { return reg.blob(digest); },
  };
}
