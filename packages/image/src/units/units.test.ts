import { describe, expect, it } from 'vitest';
import {
  GB, GiB, KB, KiB, MB, MiB, PB, PiB, TB, TiB,
  bytesSize, dockerSize, fromHumanSize, humanDuration, humanSize, humanSizeWithPrecision, ramInBytes,
} from './units.ts';
import { goFormatG } from './go-format.ts';

// Expected values are go-units' own tests (size_test.go, duration_test.go).
describe('sizes', () => {
  it('HumanSize', () => {
    expect(humanSize(1000)).toBe('1kB');
    expect(humanSize(1024)).toBe('1.024kB');
    expect(humanSize(1000000)).toBe('1MB');
    expect(humanSize(1048576)).toBe('1.049MB');
    expect(humanSize(2 * MB)).toBe('2MB');
    expect(humanSize(3.42 * GB)).toBe('3.42GB');
    expect(humanSize(5.372 * TB)).toBe('5.372TB');
    expect(humanSize(2.22 * PB)).toBe('2.22PB');
    expect(humanSize(10000000000000 * PB)).toBe('1e+04YB');
  });

  it('BytesSize', () => {
    expect(bytesSize(1024)).toBe('1KiB');
    expect(bytesSize(1024 * 1024)).toBe('1MiB');
    expect(bytesSize(2 * MiB)).toBe('2MiB');
    expect(bytesSize(3.42 * GiB)).toBe('3.42GiB');
    expect(bytesSize(5.372 * TiB)).toBe('5.372TiB');
    expect(bytesSize(2.22 * PiB)).toBe('2.22PiB');
    expect(bytesSize(KiB * KiB * KiB * KiB * KiB * PiB)).toBe('1.049e+06YiB');
  });

  it('HumanSizeWithPrecision(…, 3) as docker images prints', () => {
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(8_309_000)).toBe('8.31MB');
    expect(dockerSize(1200)).toBe('1.2kB');
    expect(dockerSize(78_100_000)).toBe('78.1MB');
    expect(dockerSize(192_000_000)).toBe('192MB');
    expect(dockerSize(999_900)).toBe('1e+03kB');
    expect(dockerSize(100)).toBe('100B');
    expect(humanSizeWithPrecision(1_234_567, 2)).toBe('1.2MB');
  });

  it('formats %g like Go', () => {
    expect(goFormatG(0.0001234, 3)).toBe('0.000123');
    expect(goFormatG(0.00001234, 3)).toBe('1.23e-05');
    expect(goFormatG(123456, 3)).toBe('1.23e+05');
    expect(goFormatG(10, 3)).toBe('10');
    expect(goFormatG(-2.5, 3)).toBe('-2.5');
  });

  it('FromHumanSize', () => {
    const ok: [number, string][] = [
      [0, '0'], [0, '0b'], [0, '0B'], [0, '0 B'], [32, '32'], [32, '32b'], [32, '32B'], [32 * KB, '32k'],
      [32 * KB, '32K'], [32 * KB, '32kb'], [32 * KB, '32Kb'], [32 * MB, '32Mb'], [32 * GB, '32Gb'],
      [32 * TB, '32Tb'], [32 * PB, '32Pb'], [32.5 * KB, '32.5kB'], [32.5 * KB, '32.5 kB'], [32, '32.5 B'],
      [300, '0.3 K'], [300, '.3kB'], [0, '0.'], [0, '0. '], [0, '0.b'], [0, '0.B'], [0, '-0'], [0, '-0b'],
      [0, '-0B'], [0, '-0 b'], [0, '-0 B'], [32, '32.'], [32, '32.b'], [32, '32.B'], [32, '32. b'],
      [32, '32. B'], [0, '0 '],
    ];
    for (const [want, s] of ok) expect(fromHumanSize(s), s).toBe(want);
    for (const s of [' 0', ' 0b', ' 0B', ' 0 B', '0b ', '0B ', '0 B ', '', 'hello', '.', '. ', ' ', '  ', ' .',
      ' . ', '-32', '-32b', '-32B', '-32 b', '-32 B', '32b.', '32B.', '32 b.', '32 B.', '32 bb', '32 BB',
      '32 b b', '32 B B', '32  b', '32  B', ' 32 ', '32m b', '32bm']) {
      expect(() => fromHumanSize(s), JSON.stringify(s)).toThrow();
    }
    expect(() => fromHumanSize('hello')).toThrow("invalid size: 'hello'");
    expect(() => fromHumanSize('32bm')).toThrow("invalid suffix: 'bm'");
    // v0.5.0 (vendored by Docker 28) ends the number at the last digit, dot or space
    expect(() => fromHumanSize('1 0k')).toThrow('strconv.ParseFloat: parsing "1 0": invalid syntax');
  });

  it('RAMInBytes', () => {
    const ok: [number, string][] = [
      [32, '32'], [32, '32b'], [32, '32B'], [32 * KiB, '32k'], [32 * KiB, '32K'], [32 * KiB, '32kb'],
      [32 * KiB, '32Kb'], [32 * KiB, '32Kib'], [32 * KiB, '32KIB'], [32 * MiB, '32Mb'], [32 * GiB, '32Gb'],
      [32 * TiB, '32Tb'], [32 * PiB, '32Pb'], [32 * PiB, '32PB'], [32 * PiB, '32P'], [32, '32.3'],
      [Math.trunc(32.3 * MiB), '32.3 mb'], [Math.trunc(0.3 * MiB), '0.3MB'],
    ];
    for (const [want, s] of ok) expect(ramInBytes(s), s).toBe(want);
    for (const s of ['', 'hello', '-32', ' 32 ', '32m b', '32bm']) expect(() => ramInBytes(s), s).toThrow();
  });
});

describe('HumanDuration', () => {
  const s = 1000, m = 60 * s, h = 60 * m, day = 24 * h, week = 7 * day, month = 30 * day, year = 365 * day;
  it.each([
    [450, 'Less than a second'], [1 * s, '1 second'], [45 * s, '45 seconds'], [46 * s, '46 seconds'],
    [59 * s, '59 seconds'], [60 * s, 'About a minute'], [3 * m, '3 minutes'], [35 * m, '35 minutes'],
    [35 * m + 40 * s, '35 minutes'], [45 * m + 40 * s, '45 minutes'], [59 * m, '59 minutes'],
    [1 * h, 'About an hour'], [1 * h + 29 * m, 'About an hour'], [1 * h + 31 * m, '2 hours'],
    [1 * h + 59 * m, '2 hours'], [3 * h, '3 hours'], [3 * h + 29 * m, '3 hours'], [3 * h + 31 * m, '4 hours'],
    [3 * h + 60 * m, '4 hours'], [24 * h, '24 hours'], [day + 12 * h, '36 hours'], [2 * day, '2 days'],
    [7 * day, '7 days'], [13 * day + 5 * h, '13 days'], [2 * week, '2 weeks'], [2 * week + 4 * day, '2 weeks'],
    [3 * week, '3 weeks'], [4 * week, '4 weeks'], [4 * week + 3 * day, '4 weeks'], [month, '4 weeks'],
    [month + 2 * week, '6 weeks'], [2 * month, '2 months'], [2 * month + 2 * week, '2 months'],
    [3 * month, '3 months'], [13 * month, '13 months'], [23 * month, '23 months'], [24 * month, '24 months'],
    [24 * month + 2 * week, '2 years'], [3 * year + 2 * month, '3 years'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
