import { describe, expect, it } from 'vitest';
import { humanDuration, rfc3339Nano } from './time.ts';

const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;

describe('humanDuration (go-units HumanDuration)', () => {
  it('counts seconds and minutes down, then rounds to the hour', () => {
    expect(humanDuration(999)).toBe('Less than a second');
    expect(humanDuration(1 * s)).toBe('1 second');
    expect(humanDuration(59 * s + 999)).toBe('59 seconds');
    expect(humanDuration(119 * s)).toBe('About a minute');
    expect(humanDuration(59 * m + 59 * s)).toBe('59 minutes');
    expect(humanDuration(89 * m)).toBe('About an hour');
    expect(humanDuration(90 * m)).toBe('2 hours');
    expect(humanDuration(47 * h)).toBe('47 hours');
  });
  it('days, weeks, months, years by whole hours', () => {
    expect(humanDuration(2 * d)).toBe('2 days');
    expect(humanDuration(13 * d)).toBe('13 days');
    expect(humanDuration(14 * d)).toBe('2 weeks');
    expect(humanDuration(60 * d)).toBe('2 months');
    expect(humanDuration(730 * d)).toBe('2 years');
  });
});

describe('rfc3339Nano (time.RFC3339Nano)', () => {
  it('trims trailing zeros of the fraction; the zero time for never', () => {
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 12, 30, 5, 1))).toBe('2026-01-01T12:30:05.001Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 12, 30, 5, 120))).toBe('2026-01-01T12:30:05.12Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1), 123456)).toBe('2026-01-01T00:00:00.000123456Z');
    expect(rfc3339Nano(0)).toBe('0001-01-01T00:00:00Z');
  });
});
