/**
 * The Go template engine behind `--format`: output of the constructs docker users write, and
 * Go's error texts. Parse errors marked "real" were produced by the docker 28.2.2 binary
 * (`docker version --format ...`, whose template name is `version`; ours is the formatter's
 * empty name).
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/dockercli/template/index.js';
import {
  GoDuration,
  GoFloat,
  GoMap,
  GoNil,
  GoStruct,
  GoTime,
  type GoValue,
} from '../../src/dockercli/template/values.js';

const row = new GoStruct(
  '*node.nodeContext',
  [
    { name: 'ID', value: 'abc123def456' },
    { name: 'Hostname', value: 'manager1' },
    { name: 'Self', value: true },
    { name: 'Count', value: 0 },
    { name: 'Labels', value: GoMap.of({ zone: 'east', disk: 'ssd' }) },
    { name: 'Args', value: ['sleep', '3600'] },
    { name: 'Empty', value: new GoNil('[]string') },
    { name: 'Grace', value: new GoDuration(90e9) },
    { name: 'Ratio', value: new GoFloat(0.1, 32) },
    { name: 'Status', value: new GoNil('*swarm.UpdateStatus') },
    { name: 'When', value: new GoTime(1_735_689_605_123_000_000n) },
  ],
  true,
);

function render(text: string, dot: GoValue = row): string {
  const out = renderTemplate(text, dot);
  if (typeof out !== 'string') throw new Error(out.message);
  return out;
}

function error(text: string, dot: GoValue = row): string {
  const out = renderTemplate(text, dot);
  if (typeof out === 'string') throw new Error(`no error, printed ${JSON.stringify(out)}`);
  return out.message;
}

describe('Go template output', () => {
  it.each([
    ['{{.ID}}', 'abc123def456'],
    ['{{.Hostname}} {{.Self}} {{.Count}}', 'manager1 true 0'],
    ['{{.Labels}}', 'map[disk:ssd zone:east]'],
    ['{{.Args}}', '[sleep 3600]'],
    ['{{.Grace}} {{.Ratio}} {{.Status}}', '1m30s 0.1 <nil>'],
    ['{{.When}}', '2025-01-01 00:00:05.123 +0000 UTC'],
    ['{{index .Labels "zone"}}', 'east'],
    ['{{.Labels.zone}}', 'east'],
    ['{{.Labels.nosuch}}', '<no value>'],
    ['{{json .Labels}}', '{"disk":"ssd","zone":"east"}'],
    ['{{json .Args}}', '["sleep","3600"]'],
    ['{{json .Hostname}}', '"manager1"'],
    ['{{join .Args ","}}', 'sleep,3600'],
    ['{{upper .Hostname}} {{lower "ABC"}} {{title "hello world-x"}}', 'MANAGER1 abc Hello World-X'],
    ['{{split "a:b:c" ":"}}', '[a b c]'],
    ['{{pad .Hostname 2 1}}|{{pad "" 2 1}}|', '  manager1 ||'],
    ['{{truncate .ID 6}}', 'abc123'],
    ['{{.Hostname | printf "%s-%5d|%-4s|" }}', 'manager1-%!d(MISSING)|%!s(MISSING)|'],
    ['{{printf "%q %v %05d %x %.2f %t" "a" 1 42 255 3.14159 true}}', '"a" 1 00042 ff 3.14 true'],
    ['{{println "a" 1}}', 'a 1\n'],
    ['{{print 1 2 "a" 3 4}}', '1 2a3 4'],
    ['{{if .Self}}yes{{else}}no{{end}}', 'yes'],
    ['{{if .Count}}yes{{else if .Self}}elif{{else}}no{{end}}', 'elif'],
    ['{{with .Labels}}{{.zone}}{{end}}', 'east'],
    ['{{with .Status}}set{{else}}unset{{end}}', 'unset'],
    ['{{range .Args}}<{{.}}>{{end}}', '<sleep><3600>'],
    ['{{range $i, $a := .Args}}{{$i}}={{$a}};{{end}}', '0=sleep;1=3600;'],
    ['{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}', 'disk=ssd zone=east '],
    ['{{range .Empty}}x{{else}}empty{{end}}', 'empty'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range .Args}}{{if eq . "sleep"}}{{continue}}{{end}}{{.}}{{end}}', '3600'],
    ['{{range .Args}}{{.}}{{break}}{{end}}', 'sleep'],
    ['{{$x := .Hostname}}{{$x}}{{$x = "b"}}{{$x}}', 'manager1b'],
    ['{{len .Args}} {{len .Labels}} {{len "héllo"}}', '2 2 6'],
    ['{{eq .Hostname "manager1"}} {{ne 1 2}} {{lt 1 2}} {{ge 2.5 1.5}}', 'true true true true'],
    ['{{and .Self .Count}} {{or .Count "x"}} {{not .Self}}', '0 x false'],
    ['{{slice .ID 0 3}}', 'abc'],
    ['a {{- .ID -}} b', 'aabc123def456b'],
    ['{{/* a comment */}}x', 'x'],
    ['{{define "t"}}[{{.}}]{{end}}{{template "t" .Hostname}}', '[manager1]'],
    ['{{html "<a&b>"}} {{js "it\'s"}} {{urlquery "a b&c"}}', "&lt;a&amp;b&gt; it\\'s a+b%26c"],
    ['{{`raw\\n`}}', 'raw\\n'],
    ['{{"tab\\there"}}', 'tab\there'],
    ["{{0x1F}} {{1e3}} {{'a'}} {{-3}}", '31 1000 97 -3'],
  ])('%s', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe('Go template parse errors', () => {
  it.each([
    // Real docker 28.2.2 texts, template name aside.
    ['{{.Foo}', "template: :1: bad character U+007D '}'"],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{if .X}}', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{.X', 'template: :1: unclosed action'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ["{{'a}}", 'template: :1: unterminated character constant'],
    ['{{ | }}', 'template: :1: unexpected "|" in command'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{with}}{{end}}', 'template: :1: missing value for with'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{.X | 3}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{range .X}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{)}}', 'template: :1: unexpected right paren'],
    ['{{(.X}}', 'template: :1: unclosed left paren'],
    ['{{.X.}}', 'template: :1: unexpected <.> in operand'],
    ['{{/* c }}', 'template: :1: unclosed comment'],
    ['{{/* c */ }}', 'template: :1: comment ends before closing delimiter'],
    ['{{!}}', 'template: :1: unexpected "!" in command'],
    ['{{3x}}', 'template: :1: bad number syntax: "3x"'],
    ["{{'ab'}}", "template: :1: malformed character constant: 'ab'"],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['a\nb\n{{if .X}}', 'template: :3: unexpected EOF'],
  ])('%s', (text, expected) => {
    expect(error(text)).toBe(expected);
  });
});

describe('Go template execution errors', () => {
  it.each([
    [
      '{{.Foo}}',
      'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *node.nodeContext',
    ],
    [
      'x\n  {{.ID.Foo}}',
      'template: :2:4: executing "" at <.ID.Foo>: can\'t evaluate field Foo in type string',
    ],
    [
      '{{.Status.State}}',
      'template: :1:2: executing "" at <.Status.State>: nil pointer evaluating *swarm.UpdateStatus.State',
    ],
    ['{{1 2}}', 'template: :1:2: executing "" at <1>: can\'t give argument to non-function 1'],
    [
      '{{join .ID ","}}',
      'template: :1:7: executing "" at <.ID>: wrong type for value; expected []string; got string',
    ],
    ['{{upper 3}}', 'template: :1:8: executing "" at <3>: expected string; found 3'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    [
      '{{index .Args 5}}',
      'template: :1:2: executing "" at <index .Args 5>: error calling index: index out of range: 5',
    ],
    [
      '{{lt 1 2.5}}',
      'template: :1:2: executing "" at <lt 1 2.5>: error calling lt: incompatible types for comparison',
    ],
    [
      '{{join}}',
      'template: :1:2: executing "" at <join>: wrong number of args for join: want 2 got 0',
    ],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
    [
      '{{range .Hostname}}{{end}}',
      'template: :1:8: executing "" at <.Hostname>: range can\'t iterate over manager1',
    ],
    [
      '{{template "none"}}',
      'template: :1:2: executing "" at <{{template "none"}}>: no such template "none"',
    ],
  ])('%s', (text, expected) => {
    expect(error(text)).toBe(expected);
  });

  it('stops runaway recursion and huge ranges with a clean error', () => {
    expect(error('{{define "a"}}{{template "a"}}{{end}}{{template "a"}}')).toMatch(
      /exceeded maximum template depth \(100000\)$/,
    );
    expect(error('{{range 100000000}}{{end}}')).toMatch(/swarmsim stopped the template/);
  });
});

describe('values as Go prints and encodes them', () => {
  it('prints nil slices and maps as empty, nested pointers as an address', () => {
    const value = new GoStruct('swarm.X', [
      { name: 'A', value: new GoNil('[]string') },
      { name: 'B', value: new GoNil('map[string]string') },
      { name: 'C', value: new GoStruct('*swarm.Limit', [{ name: 'N', value: 1 }]) },
    ]);
    expect(render('{{.A}} {{.B}} {{.}}', value)).toBe('[] map[] {[] map[] 0xc000010000}');
    expect(render('{{.C}}', value)).toBe('{1}');
  });

  it('encodes with Go escapes, except HTML ones in {{json}}', () => {
    expect(render('{{json "<a&b>\\u2028"}}')).toBe('"<a&b>\\u2028"');
  });
});
