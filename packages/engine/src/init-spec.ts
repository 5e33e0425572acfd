// `docker run --init` (moby's WithCommonOptions): in a private pid namespace
// the process becomes `/sbin/docker-init -- PATH ARGS...`, and the host's
// docker-init (found in dockerd's PATH, /usr/bin/docker-init) is
// bind-mounted read-only at /sbin/docker-init.

import type { OciSpec } from '@dockersim/containerd';
import type { Container } from './container.ts';

export const IN_CONTAINER_INIT = '/sbin/docker-init';
export const HOST_INIT = '/usr/bin/docker-init';

export function withInit(c: Container, spec: OciSpec): OciSpec {
  const pid = c.hostConfig.PidMode ?? '';
  if (c.hostConfig.Init !== true || pid === 'host' || pid.startsWith('container:')) return spec;
  spec.process.args = [IN_CONTAINER_INIT, '--', c.path, ...c.args];
  spec.mounts.push({ destination: IN_CONTAINER_INIT, type: 'bind', source: HOST_INIT, options: ['bind', 'ro'] });
  return spec;
}
