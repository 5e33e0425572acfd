import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { goStruct } from '../format/gofmt.ts';
import { Template } from './index.ts';

// The data `docker version --format` executes over when no daemon answers:
// its Client section (a Go struct whose Platform pointer is nil and omitted from JSON).
function versionData() {
  const client = goStruct({
    Platform: null, Version: '28.2.2', ApiVersion: '1.50', DefaultAPIVersion: '1.50', GitCommit: 'e6534b4',
    GoVersion: 'go1.24.3', Os: 'linux', Arch: 'amd64', BuildTime: 'Fri May 30 12:07:14 2025', Context: 'default',
  });
  Object.defineProperty(client, 'marshalJSON', {
    enumerable: false,
    value() { const { Platform: _p, ...rest } = client; return goStruct(rest); },
  });
  return goStruct({ Client: client, Server: null });
}

// Expected outputs were produced by the real Docker 28.2.2 client:
// docker version -f TEMPLATE (without a daemon it executes over the Client section).
const cases: [string, string][] = [
  ["{{.Client.Version}}", "28.2.2"],
  ["{{printf \"%q|%-10s|%5d|%v\" .Client.Version .Client.Os 42 .Client}}", "\"28.2.2\"|linux     |   42|{<nil> 28.2.2 1.50 1.50 e6534b4 go1.24.3 linux amd64 Fri May 30 12:07:14 2025 default}"],
  ["{{json .Client}}", "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.50\",\"DefaultAPIVersion\":\"1.50\",\"GitCommit\":\"e6534b4\",\"GoVersion\":\"go1.24.3\",\"Os\":\"linux\",\"Arch\":\"amd64\",\"BuildTime\":\"Fri May 30 12:07:14 2025\",\"Context\":\"default\"}"],
  ["{{range $i, $e := split .Client.Version \".\"}}{{$i}}={{$e}};{{end}}", "0=28;1=2;2=2;"],
  ["{{join (split .Client.GitCommit \"\") \"-\"}}", "e-6-5-3-4-b-4"],
  ["{{upper .Client.Os}} {{title \"hello world-x\"}} {{lower \"ABC\"}}", "LINUX Hello World-X abc"],
  ["{{pad .Client.Os 2 3}}|", "  linux   |"],
  ["{{truncate .Client.GitCommit 3}}", "e65"],
  ["{{if eq .Client.Os \"linux\"}}yes{{else}}no{{end}}", "yes"],
  ["{{if eq .Client.Os \"mac\" \"linux\"}}multi{{end}}", "multi"],
  ["{{with .Client.Platform}}has{{else}}none{{end}}", "none"],
  ["{{$x := .Client.Arch}}{{$x}} {{$x = \"y\"}}{{$x}}", "amd64 y"],
  ["{{len .Client.Version}} {{index .Client.Version 0}} {{slice .Client.Version 1 3}}", "6 50 8."],
  ["{{printf \"%x %X %o %b %c %U\" 255 255 8 5 65 65}}", "ff FF 10 101 A U+0041"],
  ["{{printf \"%5.2f|%e|%g|%v\" 3.14159 1234.5678 0.000012 1e6}}", " 3.14|1.234568e+03|1.2e-05|1e+06"],
  ["{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3"],
  ["{{println \"a\" 1}}", "a 1\n"],
  ["{{and 1 0}} {{or 0 \"\" \"x\"}} {{not true}}", "0 x false"],
  ["{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}} {{ne 1 2}}", "true true true false true"],
  ["{{range 3}}{{.}}{{end}}", "012"],
  ["{{range $i, $c := split \"a,b,c\" \",\"}}{{if eq $i 1}}{{continue}}{{end}}{{$c}}{{end}}", "ac"],
  ["{{- \"trim\" -}}   x", "trimx"],
  ["{{/* comment */}}after", "after"],
  ["{{printf \"%s\" 1}} {{printf \"%d\"}} {{printf \"%d\" 1 2}}", "%!s(int=1) %!d(MISSING) 1%!(EXTRA int=2)"],
  ["{{printf \"%08.3f|%+d|% d|%-5d|%05d\" 3.14159 5 5 5 -42}}", "0003.142|+5| 5|5    |-0042"],
  ["{{printf \"%q\" \"a\\\"b\\n\\t\\x01\"}}", "\"a\\\"b\\n\\t\\x01\""],
  ["{{printf \"%v %v\" true nil}}", "true <nil>"],
  ["{{.Client.Version | printf \"%s-%s\" \"v\"}}", "v-28.2.2"],
  ["{{html \"<a&b>\"}} {{js \"a'b\"}} {{urlquery \"a b&c\"}}", "&lt;a&amp;b&gt; a\\'b a+b%26c"],
  ["{{printf \"%t %v\" false 1.5}}", "false 1.5"],
  ["{{printf \"%6.2s|%-6s|\" \"abcdef\" \"ab\"}}", "    ab|ab    |"],
  ["{{define \"T\"}}[{{.}}]{{end}}{{template \"T\" .Client.Os}}", "[linux]"],
];

describe('Go templates (as docker version --format runs them)', () => {
  for (const [tmpl, want] of cases) {
    it(tmpl, () => {
      expect(Template.parse(tmpl, 'version').execute(versionData())).toBe(want);
    });
  }
});

const parseErrors: [string, string][] = [
  ['{{if}}', 'template: version:1: missing value for if'],
  ['{{end}}', 'template: version:1: unexpected {{end}}'],
  ['{{range .}}', 'template: version:1: unexpected EOF'],
  ['{{$x}}', 'template: version:1: undefined variable "$x"'],
  ['{{)}}', 'template: version:1: unexpected right paren'],
  ['{{.Client.Version | foo}}', 'template: version:1: function "foo" not defined'],
  ['{{else}}', 'template: version:1: unexpected {{else}}'],
  ['{{1 | 2}}', 'template: version:1: non executable command in pipeline stage 2'],
  ['{{ "\\z" }}', 'template: version:1: invalid syntax'],
];

describe('template parse errors', () => {
  for (const [tmpl, want] of parseErrors) {
    it(tmpl, () => { expect(() => Template.parse(tmpl, 'version')).toThrow(want); });
  }
  it('unclosed action (docker ps --format "{{.ID")', () => {
    expect(() => Template.parse('{{.ID', '')).toThrow('template: :1: unclosed action');
  });
});

describe('exec semantics', () => {
  it('missing map key prints <no value>; missing struct field is an error', () => {
    expect(Template.parse('{{.a}}').execute({ b: 1 })).toBe('<no value>');
    expect(() => Template.parse('{{.Nope}}').execute(goStruct({ a: 1 }))).toThrow(/can't evaluate field Nope/);
  });
  it('ranges over a map in key order', () => {
    expect(Template.parse('{{range $k, $v := .}}{{$k}}={{$v}} {{end}}').execute({ b: 2, a: 1 })).toBe('a=1 b=2 ');
  });
  // docker ps --format json prints "Ports":"0.0.0.0:8080-\u003e80/tcp": the row's
  // formatter.MarshalJSON is json.Marshal of a map; json of a plain string is not escaped.
  it('json escapes <, > and & in a formatter row, not in a plain value', () => {
    const row = goStruct({ Ports: '0.0.0.0:8080->80/tcp' });
    Object.defineProperty(row, 'marshalJSON', { enumerable: false, value: () => ({ Ports: row.Ports, Names: 'a&b' }) });
    expect(Template.parse('{{json .}}').execute(row)).toBe('{"Names":"a\\u0026b","Ports":"0.0.0.0:8080-\\u003e80/tcp"}');
    expect(Template.parse('{{json .Ports}}').execute(row)).toBe('"0.0.0.0:8080->80/tcp"');
  });
});

const docker = '/usr/local/bin/docker';
describe.skipIf(!existsSync(docker))('against the installed docker client', () => {
  it('matches docker version --format for every case', () => {
    for (const [tmpl] of cases) {
      let out = '';
      try { out = execFileSync(docker, ['version', '-f', tmpl], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch (e) { out = (e as { stdout: string }).stdout; }
      expect(Template.parse(tmpl, 'version').execute(versionData()) + '\n').toBe(out);
    }
  });
});
