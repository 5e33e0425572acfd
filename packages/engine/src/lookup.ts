// Finding a container the way dockerd does: full id, name, then unique id prefix.

import { EngineError, notFound } from '@dockersim/engine-api';
import type { Container } from './container.ts';

export function findContainer(byId: Map<string, Container>, byName: Map<string, string>, ref: string): Container {
  if (!ref) throw notFound('No such container: ');
  const full = byId.get(ref);
  if (full) return full;
  const named = byName.get(ref.startsWith('/') ? ref.slice(1) : ref);
  if (named) return byId.get(named)!;
  if (/^[0-9a-f]+$/.test(ref)) {
    let found: Container | undefined;
    for (const [id, c] of byId) {
      if (!id.startsWith(ref)) continue;
      if (found) throw new EngineError('InvalidParameter', `multiple IDs found with provided prefix: ${ref}`);
      found = c;
    }
    if (found) return found;
  }
  throw notFound(`No such container: ${ref}`);
}
