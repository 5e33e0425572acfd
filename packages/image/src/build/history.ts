// The rows of `docker history`: one per history entry, newest first, with the
// size of the layer the entry created (0B for metadata-only steps). Pulled
// images show their id on the top row and "<missing>" below, as Docker does.

import type { Digest } from '../digest/digest.ts';
import type { ImageConfig } from '../oci/types.ts';

export interface HistoryRow {
  /** The image id on the top row, "<missing>" on the others. */
  id: Digest | '<missing>';
  created?: string;
  createdBy: string;
  /** Bytes of the layer this step created. */
  size: number;
  comment: string;
  emptyLayer: boolean;
}

/** `docker history` rows for an image whose layers' sizes are `layerSizes` (in rootfs order). */
export function historyRows(id: Digest, config: ImageConfig, layerSizes: readonly number[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let layer = 0;
  for (const h of config.history ?? []) {
    const empty = h.empty_layer === true;
    rows.push({
      id: '<missing>',
      ...(h.created !== undefined ? { created: h.created } : {}),
      createdBy: h.created_by ?? '',
      size: empty ? 0 : layerSizes[layer++] ?? 0,
      comment: h.comment ?? '',
      emptyLayer: empty,
    });
  }
  rows.reverse();
  if (rows.length > 0) rows[0]!.id = id;
  return rows;
}
