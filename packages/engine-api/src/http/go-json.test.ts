import { describe, expect, it } from 'vitest';
import { decodeGoJson } from './go-json.ts';

// encoding/json's texts (scanner.go's error contexts, quoteChar, Decoder.More).
const error = (text: string) => { const r = decodeGoJson(text); return r.ok ? 'ok' : r.eof ? 'EOF' : r.message; };

describe('decodeGoJson', () => {
  it('decodes the first value and says whether more follows', () => {
    expect(decodeGoJson(' {"a": [1, -2.5e3, true, null, "x\\u00e9"]} ')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'xé'] }, more: false });
    expect(decodeGoJson('{} {}')).toMatchObject({ ok: true, more: true });
    expect(decodeGoJson('{"Image":"alpine"}x')).toMatchObject({ ok: true, more: true });
    // More() is false before a closing bracket, so a stray one passes
    expect(decodeGoJson('{}}')).toMatchObject({ ok: true, more: false });
    expect(decodeGoJson('5')).toEqual({ ok: true, value: 5, more: false });
  });
  it('empty input is io.EOF; input that ends inside a value is unexpected EOF', () => {
    expect(error('')).toBe('EOF');
    expect(error(' \n')).toBe('EOF');
    expect(error('{"Image": ')).toBe('unexpected EOF');
    expect(error('["a"')).toBe('unexpected EOF');
    expect(error('"abc')).toBe('unexpected EOF');
    expect(error('tru')).toBe('unexpected EOF');
  });
  it('names the character and where it was found, as the scanner does', () => {
    expect(error('{bad}')).toBe("invalid character 'b' looking for beginning of object key string");
    expect(error('nope')).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(error('trap')).toBe("invalid character 'a' in literal true (expecting 'u')");
    expect(error('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(error('{"a":1 "b":2}')).toBe("invalid character '\"' after object key:value pair");
    expect(error('[1 2]')).toBe("invalid character '2' after array element");
    expect(error('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(error("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(error('"a\tb"')).toBe("invalid character '\\t' in string literal");
    expect(error('"\\x"')).toBe("invalid character 'x' in string escape code");
    expect(error('"\\u12g4"')).toBe("invalid character 'g' in \\u hexadecimal character escape");
    expect(error('-x')).toBe("invalid character 'x' in numeric literal");
    expect(error('1.x')).toBe("invalid character 'x' after decimal point in numeric literal");
    expect(error('1ex')).toBe("invalid character 'x' in exponent of numeric literal");
  });
});
