import { describe, expect, it } from 'vitest';
import { sizeToStr, wrapList } from './apt.ts';
import { BOOKWORM } from './debian-index.ts';

describe('apt formats', () => {
  it('SizeToStr as apt prints sizes (Get lines, Need to get, Fetched)', () => {
    expect(sizeToStr(6924)).toBe('6924 ');
    expect(sizeToStr(55_400)).toBe('55.4 k');
    expect(sizeToStr(8_793_000)).toBe('8793 k');
    expect(sizeToStr(19_300_000)).toBe('19.3 M');
  });
  it("wraps package lists before the 80th column, as a real `apt-get install curl` on bookworm prints them", () => {
    const names = ['ca-certificates', 'curl', 'krb5-locales', 'libbrotli1', 'libcurl4', 'libgssapi-krb5-2', 'libk5crypto3',
      'libkeyutils1', 'libkrb5-3', 'libkrb5support0', 'libldap-2.5-0', 'libldap-common', 'libnghttp2-14', 'libpsl5', 'librtmp1',
      'libsasl2-2', 'libsasl2-modules', 'libsasl2-modules-db', 'libssh2-1', 'libssl3', 'openssl', 'publicsuffix'];
    expect(wrapList(names)).toBe('  ca-certificates curl krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2\n'
      + '  libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0\n'
      + '  libldap-common libnghttp2-14 libpsl5 librtmp1 libsasl2-2 libsasl2-modules\n'
      + '  libsasl2-modules-db libssh2-1 libssl3 openssl publicsuffix\n');
  });
  it('the bookworm update fetches 9331 kB, the sum of its Get lines', () => {
    expect(sizeToStr(BOOKWORM.lists.reduce((n, [, s]) => n + s, 0))).toBe('9331 k');
  });
});
