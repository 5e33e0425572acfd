// Docker Hub, as this world's dockerd reaches it: the image package's
// simulated registry with the base images, behind dockerd's RegistryPort.

import { createDefaultRegistry, pullErrorMessage, RegistryError, type Reference } from '@dockersim/image';
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
        if (e instanceof RegistryError) throw new EngineError('NotFound', pullErrorMessage(e, ref));
        throw e;
      }
    },
    layerTar(digest) { return reg.blob(digest); },
  };
}
