import { describe, expect, it } from 'vitest';
import { convertToStandardNotation } from './publish-notation.ts';
import { parsePortSpecs } from './parse-opts.ts';

// docker/cli's TestConvertToStandardNotation, and what ParsePortSpecs makes of it.
describe('--publish long form', () => {
  it('rewrites published=,target=[,protocol=] into host:container/proto', () => {
    expect(convertToStandardNotation(['published=1234,target=80', 'target=80,published=1235,protocol=udp', '8080:80', '80'])).toEqual(['1234:80/tcp', '1235:80/udp', '8080:80', '80']);
    expect(parsePortSpecs(convertToStandardNotation(['published=8081,target=80'])).bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8081' }] });
  });
  it('fails on a field that is not name=value, with docker/cli words', () => {
    expect(() => convertToStandardNotation(['published=8080,80'])).toThrow("invalid publish opts format (should be name=value but got '80')");
    expect(() => convertToStandardNotation(['=1,target=80'])).toThrow("invalid publish opts format (should be name=value but got '=1')");
  });
  it('leaves a missing target for ParsePortSpecs to refuse', () => {
    expect(convertToStandardNotation(['published=8080'])).toEqual(['8080:/tcp']);
    expect(() => parsePortSpecs(['8080:/tcp'])).toThrow('no port specified: 8080:/tcp<empty>');
  });
});
