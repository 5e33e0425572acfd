// ChainID as the OCI image spec defines it: ChainID(L0) = DiffID(L0),
// ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). Snapshotters
// (overlay2's layerdb, containerd's snapshots) key unpacked layers by it.

import { digestOf, type Digest } from '../digest/digest.ts';

/** The chain id of the whole stack of diff ids (undefined for no layers). */
export function chainId(diffIds: readonly Digest[]): Digest | undefined {
  let chain: Digest | undefined;
  for (const d of diffIds) chain = chain === undefined ? d : digestOf(`${chain} ${d}`);
  return chain;
}

/** The chain id of every prefix: result[i] is the chain id of layers 0..i. */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : digestOf(`${out[out.length - 1]} ${d}`));
  return out;
}
