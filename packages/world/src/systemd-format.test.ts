import { describe, expect, it } from 'vitest';
import { bytes, relative, shortTime, timespan, timestamp } from './systemd-format.ts';

// Expected values follow systemd's time-util.c and format-util.c.
describe("systemd's formats", () => {
  it('format_timestamp and journalctl short time, in UTC', () => {
    const t = Date.UTC(2026, 0, 1, 0, 0, 5);
    expect(timestamp(t)).toBe('Thu 2026-01-01 00:00:05 UTC');
    expect(shortTime(t)).toBe('Jan 01 00:00:05');
  });
  it('format_timestamp_relative picks its unit by the distance', () => {
    expect(relative(0)).toBe('now');
    expect(relative(0.5)).toBe('500us ago');
    expect(relative(340)).toBe('340ms ago');
    expect(relative(12_000)).toBe('12s ago');
    expect(relative(63_000)).toBe('1min 3s ago');
    expect(relative(6 * 60_000)).toBe('6min ago');
    expect(relative(3_720_000)).toBe('1h 2min ago');
    expect(relative(7 * 3_600_000)).toBe('7h ago');
    expect(relative(26 * 3_600_000)).toBe('1 day 2h ago');
    expect(relative(3 * 86_400_000)).toBe('3 days ago');
  });
  it('format_timespan with millisecond accuracy and format_bytes', () => {
    expect(timespan(298)).toBe('298ms');
    expect(timespan(62_345)).toBe('1min 2.345s');
    expect(timespan(2_500)).toBe('2.5s');
    expect(bytes(512)).toBe('512B');
    expect(bytes(25_690_112)).toBe('24.5M');
    expect(bytes(1024)).toBe('1.0K');
  });
});
