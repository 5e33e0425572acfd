import { describe, expect, it } from 'vitest';
import { rfc3339, rfc3339Nano, rfc3339NanoFixed } from './go-time.ts';

// Layouts from Go's time package ("2006-01-02T15:04:05Z07:00",
// "2006-01-02T15:04:05.999999999Z07:00") and docker's jsonmessage
// ("2006-01-02T15:04:05.000000000Z07:00"): a 9 drops trailing zeros and, when
// the fraction is zero, the dot; a 0 always prints; Format truncates.
const t = Date.UTC(2026, 0, 1, 12, 30, 5, 120);

describe('Go time layouts', () => {
  it('RFC3339 truncates to the second', () => {
    expect(rfc3339(t)).toBe('2026-01-01T12:30:05Z');
    expect(rfc3339(Date.UTC(2026, 0, 1, 12, 30, 5, 999) + 0.9)).toBe('2026-01-01T12:30:05Z');
  });
  it('RFC3339Nano drops trailing zeros and a bare dot', () => {
    expect(rfc3339Nano(t)).toBe('2026-01-01T12:30:05.12Z');
    expect(rfc3339Nano(t, 456)).toBe('2026-01-01T12:30:05.120000456Z');
    expect(rfc3339Nano(t + 0.5)).toBe('2026-01-01T12:30:05.1205Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
  });
  it('RFC3339NanoFixed always has nine digits', () => {
    expect(rfc3339NanoFixed(t)).toBe('2026-01-01T12:30:05.120000000Z');
    expect(rfc3339NanoFixed(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000000000Z');
    expect(rfc3339NanoFixed(t, 7)).toBe('2026-01-01T12:30:05.120000007Z');
  });
  it('carries nanoseconds past a second into the next one', () => {
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 0, 0, 0, 999), 1_000_000)).toBe('2026-01-01T00:00:01Z');
  });
});
