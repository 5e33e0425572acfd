// Parser behaviour and error texts as buildkit's frontend/dockerfile gives them.
import { describe, expect, it } from 'vitest';
import { parseDockerfile, DockerfileError, ShellLex, type Instruction } from './index.ts';

const first = (src: string): Instruction => parseDockerfile(src).stages[0].commands[0];
function err(src: string): DockerfileError {
  try { parseDockerfile(src); } catch (e) { return e as DockerfileError; }
  throw new Error('parsed without error');
}

describe('instructions', () => {
  it('FROM with tag, digest, AS name and --platform', () => {
    const d = parseDockerfile('FROM --platform=linux/amd64 alpine:3.20 AS Build\nFROM busybox@sha256:' + 'a'.repeat(64) + '\nfrom scratch\n');
    expect(d.stages.map((s) => [s.baseName, s.name, s.platform])).toEqual([
      ['alpine:3.20', 'build', 'linux/amd64'], ['busybox@sha256:' + 'a'.repeat(64), '', ''], ['scratch', '', '']]);
  });
  it('RUN shell and exec forms; invalid JSON falls back to shell form', () => {
    expect(first('FROM a\nRUN echo hi')).toMatchObject({ kind: 'run', cmdLine: ['echo hi'], prependShell: true });
    expect(first('FROM a\nRUN ["echo", "hi"]')).toMatchObject({ kind: 'run', cmdLine: ['echo', 'hi'], prependShell: false });
    expect(first("FROM a\nRUN ['echo', 'hi']")).toMatchObject({ kind: 'run', cmdLine: ["['echo', 'hi']"], prependShell: true });
  });
  it('CMD, ENTRYPOINT, SHELL', () => {
    expect(first('FROM a\nCMD ["echo","hello"]')).toMatchObject({ kind: 'cmd', cmdLine: ['echo', 'hello'], prependShell: false });
    expect(first('FROM a\nENTRYPOINT ./serve.sh')).toMatchObject({ kind: 'entrypoint', cmdLine: ['./serve.sh'], prependShell: true });
    expect(first('FROM a\nSHELL ["/bin/bash", "-c"]')).toMatchObject({ kind: 'shell', shell: ['/bin/bash', '-c'] });
  });
  it('LABEL and ENV in both forms', () => {
    expect(first('FROM a\nENV foo bar baz')).toMatchObject({ kind: 'env', pairs: [{ key: 'foo', value: 'bar baz', noDelim: true }] });
    expect(first('FROM a\nENV a=1 b="two words"')).toMatchObject({ kind: 'env', pairs: [{ key: 'a', value: '1' }, { key: 'b', value: '"two words"' }] });
    expect(first('FROM a\nLABEL version="1.0" maintainer=me')).toMatchObject({ kind: 'label', pairs: [{ key: 'version', value: '"1.0"' }, { key: 'maintainer', value: 'me' }] });
  });
  it('ADD and COPY with flags, JSON form and heredocs', () => {
    expect(first('FROM a\nCOPY --chown=app:app --chmod=755 a.txt b/ /dst/')).toMatchObject({ kind: 'copy', srcs: ['a.txt', 'b/'], dest: '/dst/', chown: 'app:app', chmod: '755' });
    expect(first('FROM a\nCOPY ["my file", "/x y"]')).toMatchObject({ kind: 'copy', srcs: ['my file'], dest: '/x y' });
    expect(first('FROM a\nCOPY --from=build /out /app')).toMatchObject({ kind: 'copy', from: 'build' });
    expect(first('FROM a\nADD https://example.com/a.tgz /tmp/')).toMatchObject({ kind: 'add', srcs: ['https://example.com/a.tgz'] });
    expect(first('FROM a\nCOPY <<EOF /hello.txt\nhello\nEOF\n')).toMatchObject({ kind: 'copy', srcs: [], contents: [{ path: 'EOF', data: 'hello\n', expand: true }], dest: '/hello.txt' });
  });
  it('RUN here-documents', () => {
    const r = first('FROM a\nRUN <<EOF\necho one\necho two\nEOF\nRUN true\n');
    expect(r).toMatchObject({ kind: 'run', cmdLine: ['<<EOF'], files: [{ name: 'EOF', content: 'echo one\necho two\n' }] });
    expect(parseDockerfile('FROM a\nRUN <<EOF\necho one\nEOF\nRUN true\n').stages[0].commands[1]).toMatchObject({ startLine: 5 });
  });
  it('EXPOSE, VOLUME (JSON and string), USER, WORKDIR, STOPSIGNAL, MAINTAINER', () => {
    expect(first('FROM a\nEXPOSE 80/tcp 443')).toMatchObject({ kind: 'expose', ports: ['443', '80/tcp'] });
    expect(first('FROM a\nVOLUME ["/var/log/"]')).toMatchObject({ kind: 'volume', volumes: ['/var/log/'] });
    expect(first('FROM a\nVOLUME /var/log /var/db')).toMatchObject({ kind: 'volume', volumes: ['/var/log', '/var/db'] });
    expect(first('FROM a\nUSER app:app')).toMatchObject({ kind: 'user', user: 'app:app' });
    expect(first('FROM a\nWORKDIR /app')).toMatchObject({ kind: 'workdir', path: '/app' });
    expect(first('FROM a\nSTOPSIGNAL SIGINT')).toMatchObject({ kind: 'stopsignal', signal: 'SIGINT' });
    expect(first('FROM a\nMAINTAINER me <me@x.org>')).toMatchObject({ kind: 'maintainer', maintainer: 'me <me@x.org>' });
  });
  it('ARG with and without default, before and after FROM', () => {
    const d = parseDockerfile('ARG VERSION=3.20\nARG X\nFROM alpine:${VERSION}\nARG VERSION\nARG a=1 b');
    expect(d.metaArgs.map((a) => a.args)).toEqual([[{ key: 'VERSION', value: '3.20' }], [{ key: 'X' }]]);
    expect(d.stages[0].commands.map((c) => (c as { args: unknown }).args)).toEqual([[{ key: 'VERSION' }], [{ key: 'a', value: '1' }, { key: 'b' }]]);
  });
  it('ONBUILD and HEALTHCHECK (options and NONE)', () => {
    expect(first('FROM a\nONBUILD RUN echo child')).toMatchObject({ kind: 'onbuild', expression: 'RUN echo child' });
    expect(first('FROM a\nHEALTHCHECK --interval=5s --timeout=3s --retries=2 CMD wget -q localhost')).toMatchObject({
      kind: 'healthcheck', health: { Test: ['CMD-SHELL', 'wget -q localhost'], Interval: 5e9, Timeout: 3e9, Retries: 2 } });
    expect(first('FROM a\nHEALTHCHECK CMD ["true"]')).toMatchObject({ health: { Test: ['CMD', 'true'] } });
    expect(first('FROM a\nHEALTHCHECK NONE')).toMatchObject({ health: { Test: ['NONE'] } });
  });
  it('lower-case instructions, comments, continuations, escape directive', () => {
    const d = parseDockerfile('# syntax=docker/dockerfile:1\n# a comment\nfrom alpine\nrun echo a \\\n  # inside\n  && echo b\n');
    expect(d.directives).toEqual({ syntax: 'docker/dockerfile:1' });
    expect(d.stages[0].commands[0]).toMatchObject({ kind: 'run', cmdLine: ['echo a   && echo b'], startLine: 4, endLine: 6 });
    const w = parseDockerfile('# escape=`\nFROM a\nRUN echo a `\n  b\n');
    expect(w.stages[0].commands[0]).toMatchObject({ cmdLine: ['echo a   b'] });
  });
  it('warns about empty continuation lines', () => {
    const d = parseDockerfile('FROM a\nRUN echo a \\\n\n  b\n');
    expect(d.warnings).toEqual(['Empty continuation line found in: RUN echo a   b']);
  });
});

describe('errors carry Docker\'s text and line', () => {
  const cases: [string, string, number][] = [
    ['FROM alpine\nFOO bar\n', 'dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)', 2],
    ['FROM alpine\nFOOBAR bar\n', 'dockerfile parse error on line 2: unknown instruction: FOOBAR', 2],
    ['FROM alpine\nRUNN echo\n', 'dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)', 2],
    ['FROM alpine\ncopyy a b\n', 'dockerfile parse error on line 2: unknown instruction: copyy (did you mean copy?)', 2],
    ['RUN echo hi\n', 'no build stage in current context', 1],
    ['# just a comment\n', 'file with no instructions', 1],
    ['FROM alpine\nCOPY --bogus=bar a b\n', 'dockerfile parse error on line 2: unknown flag: --bogus', 2],
    ['FROM alpine\nCOPY --chmown=1 a b\n', 'dockerfile parse error on line 2: unknown flag: --chmown (did you mean chown?)', 2],
    ['FROM alpine\nCOPY --chown a b\n', 'dockerfile parse error on line 2: missing a value on flag: --chown', 2],
    ['FROM alpine\nCOPY --from=a --from=b x y\n', 'dockerfile parse error on line 2: duplicate flag specified: --from', 2],
    ['FROM alpine\nCOPY onlyone\n', 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined', 2],
    ['FROM alpine\nADD x\n', 'dockerfile parse error on line 2: ADD requires at least two arguments, but only one was provided. Destination could not be determined', 2],
    ['FROM alpine AS\n', 'dockerfile parse error on line 1: FROM requires either one or three arguments', 1],
    ['FROM alpine AS 1st\n', 'dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols', 1],
    ['FROM alpine\nENV\n', 'dockerfile parse error on line 2: ENV requires at least one argument', 2],
    ['FROM alpine\nENV foo\n', 'ENV must have two arguments', 2],
    ['FROM alpine\nENV a=1 b\n', 'Syntax error - can\'t find = in "b". Must be of the form: name=value', 2],
    ['FROM alpine\nLABEL\n', 'dockerfile parse error on line 2: LABEL requires at least one argument', 2],
    ['FROM alpine\nWORKDIR\n', 'dockerfile parse error on line 2: WORKDIR requires exactly one argument', 2],
    ['FROM alpine\nUSER\n', 'dockerfile parse error on line 2: USER requires exactly one argument', 2],
    ['FROM alpine\nEXPOSE\n', 'dockerfile parse error on line 2: EXPOSE requires at least one argument', 2],
    ['FROM alpine\nVOLUME\n', 'dockerfile parse error on line 2: VOLUME requires at least one argument', 2],
    ['FROM alpine\nVOLUME [""]\n', 'dockerfile parse error on line 2: VOLUME specified can not be an empty string', 2],
    ['FROM alpine\nSTOPSIGNAL\n', 'dockerfile parse error on line 2: STOPSIGNAL requires exactly one argument', 2],
    ['FROM alpine\nARG\n', 'dockerfile parse error on line 2: ARG requires at least one argument', 2],
    ['FROM alpine\nARG =x\n', 'dockerfile parse error on line 2: ARG names can not be blank', 2],
    ['FROM alpine\nSHELL /bin/sh -c\n', 'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form', 2],
    ['FROM alpine\nSHELL []\n', 'dockerfile parse error on line 2: SHELL requires at least one argument', 2],
    ['FROM alpine\nONBUILD\n', 'dockerfile parse error on line 2: ONBUILD requires at least one argument', 2],
    ['FROM alpine\nONBUILD ONBUILD RUN x\n', 'dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', 2],
    ['FROM alpine\nONBUILD FROM x\n', 'dockerfile parse error on line 2: FROM isn\'t allowed as an ONBUILD trigger', 2],
    ['FROM alpine\nHEALTHCHECK\n', 'dockerfile parse error on line 2: HEALTHCHECK requires at least one argument', 2],
    ['FROM alpine\nHEALTHCHECK NONE x\n', 'dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments', 2],
    ['FROM alpine\nHEALTHCHECK CMD\n', 'dockerfile parse error on line 2: Missing command after HEALTHCHECK CMD', 2],
    ['FROM alpine\nHEALTHCHECK FOO x\n', 'dockerfile parse error on line 2: Unknown type "FOO" in HEALTHCHECK (try CMD)', 2],
    ['FROM alpine\nHEALTHCHECK --interval=1us CMD x\n', 'dockerfile parse error on line 2: Interval "interval" cannot be less than 1ms', 2],
    ['FROM alpine\nHEALTHCHECK --retries=-1 CMD x\n', 'dockerfile parse error on line 2: --retries cannot be negative (-1)', 2],
    ['FROM alpine\nHEALTHCHECK --interval=abc CMD x\n', 'dockerfile parse error on line 2: time: invalid duration "abc"', 2],
    ['FROM alpine\nMAINTAINER\n', 'dockerfile parse error on line 2: MAINTAINER requires exactly one argument', 2],
    ['FROM alpine\nRUN ["echo", 1]\n', 'when using JSON array syntax, arrays must be comprised of strings only', 2],
    ['FROM alpine\nCOPY a <<EOF\nx\nEOF\n', 'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination', 2],
    ['FROM alpine\nRUN <<EOF\necho\n', 'unterminated heredoc', 2],
    ['# escape=x\nFROM alpine\n', "invalid escape token 'x' does not match ` or \\", 1],
    ['# escape=\\\n# escape=`\nFROM alpine\n', 'only one escape parser directive can be used', 2],
    ['', 'the Dockerfile cannot be empty', 0],
  ];
  for (const [src, msg, line] of cases) {
    it(msg, () => {
      const e = err(src);
      expect(e).toBeInstanceOf(DockerfileError);
      expect(e.message).toBe(msg);
      expect(e.startLine).toBe(line);
    });
  }
});

describe('variable substitution', () => {
  const env: Record<string, string> = { foo: 'bar', empty: '', path: '/usr/local/bin' };
  const lex = new ShellLex();
  const get = (k: string) => env[k];
  const cases: [string, string][] = [
    ['$foo', 'bar'], ['${foo}', 'bar'], ['${foo}_x', 'bar_x'], ['$nosuch', ''], ['\\$foo', '$foo'],
    ["'$foo'", '$foo'], ['"$foo"', 'bar'], ['${empty:-word}', 'word'], ['${empty-word}', ''],
    ['${nosuch:-def}', 'def'], ['${foo:+alt}', 'alt'], ['${nosuch:+alt}', ''], ['${empty+alt}', 'alt'],
    ['${path#*/}', 'usr/local/bin'], ['${path##*/}', 'bin'], ['${path%/*}', '/usr/local'], ['${path/local/x}', '/usr/x/bin'],
  ];
  for (const [src, want] of cases) it(`${src} → ${want}`, () => expect(lex.processWord(src, get)).toBe(want));
  it('splits words after expansion', () => expect(lex.processWords('a "b c" $foo', get)).toEqual(['a', 'b c', 'bar']));
  it('errors as Docker words them', () => {
    expect(() => lex.processWord('${nosuch:?must be set}', get)).toThrow('failed to process "${nosuch:?must be set}": nosuch: must be set');
    expect(() => lex.processWord('${foo', get)).toThrow('failed to process "${foo": unsupported modifier (\uFFFD) in substitution');
    expect(() => lex.processWord('${}', get)).toThrow('syntax error: bad substitution');
  });
});
