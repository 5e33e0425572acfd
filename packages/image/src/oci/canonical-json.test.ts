import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { createHash } from 'node:crypto';
import { imageId } from './image-id.ts';

describe('canonical JSON', () => {
  it('sorts keys, drops undefined members and uses no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: {}, y: [] } }))
      .toBe('{"a":[true,null,"x"],"b":1,"d":{"y":[],"z":{}}}');
  });

  it('escapes like Go encoding/json', () => {
    expect(canonicalJson('<a&b>\u2028')).toBe('"\\u003ca\\u0026b\\u003e\\u2028"');
    expect(canonicalJson('tab\tquote"')).toBe('"tab\\tquote\\""');
  });

  it('gives the image id as the digest of the config bytes, independent of key order', () => {
    const a = imageId({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
    const b = imageId({ rootfs: { diff_ids: [], type: 'layers' }, os: 'linux', architecture: 'amd64' });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    // sha256 of '{"architecture":"amd64","os":"linux","rootfs":{"diff_ids":[],"type":"layers"}}'
    expect(a).toBe('sha256:' + createHash('sha256')
      .update('{"architecture":"amd64","os":"linux","rootfs":{"diff_ids":[],"type":"layers"}}').digest('hex'));
  });
});
