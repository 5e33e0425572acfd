import { describe, expect, it } from 'vitest';
import { rfc3339Nano } from './time.ts';

describe('rfc3339Nano (time.RFC3339Nano)', () => {
  it('trims trailing zeros of the fraction; the zero time for never', () => {
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 12, 30, 5, 1))).toBe('2026-01-01T12:30:05.001Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 12, 30, 5, 120))).toBe('2026-01-01T12:30:05.12Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1), 123456)).toBe('2026-01-01T00:00:00.000123456Z');
    expect(rfc3339Nano(0)).toBe('0001-01-01T00:00:00Z');
  });
});
