import { describe, expect, it } from 'vitest';
import { parseTime } from './disk.ts';
import { rfc3339Nano } from '../time.ts';

describe('times on disk', () => {
  it('reads back what rfc3339Nano wrote, to the millisecond; Go\'s zero time is 0', () => {
    const t = Date.UTC(2026, 0, 1, 12, 30, 5, 42);
    expect(parseTime(rfc3339Nano(t))).toBe(t);
    expect(parseTime(rfc3339Nano(t, 7))).toBe(t);
    expect(parseTime(rfc3339Nano(Date.UTC(2026, 0, 1)))).toBe(Date.UTC(2026, 0, 1));
    expect(parseTime('0001-01-01T00:00:00Z')).toBe(0);
    expect(parseTime('garbage')).toBe(0);
  });
});
