import { describe, expect, it } from 'vitest';
import { getopt } from './getopt.ts';
import { posixToJs } from './regex.ts';
import { fnmatch } from './fnmatch.ts';
import { printf } from './printf.ts';
import { strftime, gmtime } from './time.ts';
import { gnuQuote } from './errors.ts';
import { modeString } from './mode.ts';

describe('getopt', () => {
  it('permutes operands and options, groups flags, takes arguments both ways', () => {
    const r = getopt(['a', '-lh', 'b', '-n5', '-m', '7', '--', '-x'], { short: 'lhn:m:' }, 'gnu');
    expect(r.opts).toEqual([['l', undefined], ['h', undefined], ['n', '5'], ['m', '7']]);
    expect(r.operands).toEqual(['a', 'b', '-x']);
  });
  it('words unknown options as musl and glibc do', () => {
    expect(getopt(['-z'], { short: 'a' }, 'busybox').error).toBe('unrecognized option: z');
    expect(getopt(['-z'], { short: 'a' }, 'gnu').error).toBe("invalid option -- 'z'");
    expect(getopt(['--nope'], { short: 'a', long: { all: { key: 'a' } } }, 'gnu').error).toBe("unrecognized option '--nope'");
  });
});

describe('regex translation', () => {
  it('BRE operators are escaped, ERE ones are not', () => {
    expect(posixToJs('a\\(b\\)*c\\{2\\}', false)).toBe('a(b)*c{2}');
    expect(posixToJs('a(b)+', false)).toBe('a\\(b\\)\\+');
    expect(posixToJs('a(b)+|c', true)).toBe('a(b)+|c');
    expect(new RegExp(posixToJs('[[:digit:]]+', true)).test('x42')).toBe(true);
    expect(posixToJs('*a', false)).toBe('\\*a');
  });
});

describe('fnmatch', () => {
  it('matches * ? and bracket expressions, quoted pieces literally', () => {
    expect(fnmatch('*.txt', 'a.txt')).toBe(true);
    expect(fnmatch('?b[!x]', 'abc')).toBe(true);
    expect(fnmatch('[a-c]*', 'd')).toBe(false);
    expect(fnmatch([{ s: '*', q: true }], 'x')).toBe(false);
    expect(fnmatch([{ s: '*', q: true }], '*')).toBe(true);
  });
});

describe('printf', () => {
  it('formats like printf(1) and reuses the format', () => {
    expect(printf('%s=%d;', ['a', '1', 'b', '2'], () => '').out).toBe('a=1;b=2;');
    expect(printf('%5s|%-5s|%05.1f|%x|%o|%c|%%', ['ab', 'cd', '3.14159', '255', '8', 'xyz'], () => '').out).toBe('   ab|cd   |003.1|ff|10|x|%');
    expect(printf('%b', ['a\\tb\\0101'], () => '').out).toBe('a\tbA');
    expect(printf('%d', ['abc'], (x) => `bad ${x}`).error).toBe('bad abc');
  });
});

describe('time', () => {
  it('strftime and gmtime agree with the calendar', () => {
    expect(strftime('%Y-%m-%d %H:%M:%S %a %j', 951782400000)).toBe('2000-02-29 00:00:00 Tue 060');
    expect(gmtime(0).wday).toBe(4);
    expect(strftime('%b %e', 1767225600000)).toBe('Jan  1');
  });
});

describe('small formats', () => {
  it('GNU quoting in the C locale and mode strings', () => {
    expect(gnuQuote('x')).toBe("'x'");
    expect(gnuQuote("it's")).toBe('"it\'s"');
    expect(modeString(0o104755)).toBe('-rwsr-xr-x');
    expect(modeString(0o41777)).toBe('drwxrwxrwt');
  });
});
