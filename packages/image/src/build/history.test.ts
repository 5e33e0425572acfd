import { describe, expect, it } from 'vitest';
import { buildAlpine } from '../images/alpine.ts';
import { historyRows } from './history.ts';
import { dockerSize } from '../units/units.ts';

describe('docker history rows', () => {
  it('lists alpine newest first with the layer size on the ADD row', () => {
    const img = buildAlpine('amd64');
    const rows = historyRows(img.config.digest, img.config.value, img.layers.map((l) => l.size));
    expect(rows.map((r) => [r.id === '<missing>' ? '<missing>' : 'id', r.createdBy, dockerSize(r.size)])).toEqual([
      ['id', 'CMD ["/bin/sh"]', '0B'],
      ['<missing>', 'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', '8.31MB'],
    ]);
  });
});
