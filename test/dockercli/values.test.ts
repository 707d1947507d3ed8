/**
 * Flag value parsers. Every error text below was checked against the docker 28.2.2 client.
 */
import { describe, expect, it } from 'vitest';
import { formatGoG, quoteGo } from '../../src/api/go-format.js';
import { parseGoDurationMs } from '../../src/dockercli/go-duration.js';
import { parseGoFloat, parseGoUint } from '../../src/dockercli/go-strconv.js';
import { parsePublish } from '../../src/dockercli/ports.js';
import { splitShellWords } from '../../src/dockercli/shlex.js';
import { parseMemoryBytes, parseNanoCPUs } from '../../src/dockercli/units.js';

describe('Go durations', () => {
  const good: [string, number][] = [
    ['5s', 5000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['+5s', 5000],
    ['-2s', -2000],
    ['0', 0],
    ['1h2m3.5s4ms5us6ns', 3_723_504],
    ['1500us', 1],
    ['-1us', -1],
    ['3µs', 0],
  ];
  for (const [text, ms] of good) {
    it(`reads ${text} as ${ms} ms`, () => expect(parseGoDurationMs(text)).toEqual({ value: ms }));
  }
  const bad: [string, string][] = [
    ['', 'time: invalid duration ""'],
    ['5', 'time: missing unit in duration "5"'],
    ['5S', 'time: unknown unit "S" in duration "5S"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['.s', 'time: invalid duration ".s"'],
    ['9999999999h', 'time: invalid duration "9999999999h"'],
  ];
  for (const [text, error] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(parseGoDurationMs(text)).toEqual({ error }));
  }
});

describe('memory sizes are binary', () => {
  const good: [string, number][] = [
    ['512m', 512 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['1gib', 1024 ** 3],
    ['1KiB', 1024],
    ['1kb', 1024],
    ['1 g', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['100', 100],
    ['1.9', 1],
    ['1e3', 1000],
    ['+1', 1],
  ];
  for (const [text, bytes] of good) {
    it(`reads ${text}`, () => expect(parseMemoryBytes(text)).toEqual({ value: bytes }));
  }
  const bad: [string, string][] = [
    ['5x', "invalid suffix: 'x'"],
    ['1gbx', "invalid suffix: 'gbx'"],
    ['1gibb', "invalid suffix: 'gibb'"],
    ['1ib', "invalid suffix: 'ib'"],
    ['-1', "invalid size: '-1'"],
    ['', "invalid size: ''"],
    ['g', "invalid size: 'g'"],
    ['1.2.3', 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
    ['1g ', 'strconv.ParseFloat: parsing "1g": invalid syntax'],
  ];
  for (const [text, error] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(parseMemoryBytes(text)).toEqual({ error }));
  }
});

describe('CPUs become NanoCPUs', () => {
  it('reads decimals, exponents, hex and exact fractions', () => {
    expect(parseNanoCPUs('0.5')).toEqual({ value: 500_000_000 });
    expect(parseNanoCPUs('2')).toEqual({ value: 2e9 });
    expect(parseNanoCPUs('1e-3')).toEqual({ value: 1e6 });
    expect(parseNanoCPUs('0x10')).toEqual({ value: 16e9 });
    expect(parseNanoCPUs('1/4')).toEqual({ value: 250_000_000 });
    expect(parseNanoCPUs('-1')).toEqual({ value: -1e9 });
  });

  it('refuses what big.Rat cannot read or what is finer than a nanoCPU', () => {
    expect(parseNanoCPUs('abc')).toEqual({ error: 'failed to parse abc as a rational number' });
    expect(parseNanoCPUs('')).toEqual({ error: 'failed to parse  as a rational number' });
    expect(parseNanoCPUs('1/3')).toEqual({ error: 'value is too precise' });
    expect(parseNanoCPUs('0.0000000001')).toEqual({ error: 'value is too precise' });
  });
});

describe('Go numbers', () => {
  it('parses uint64 in any base with Go errors', () => {
    expect(parseGoUint('0x10', 0)).toEqual({ value: 16n });
    expect(parseGoUint('010', 0)).toEqual({ value: 8n });
    expect(parseGoUint('1_000', 0)).toEqual({ value: 1000n });
    expect(parseGoUint('0x10', 10)).toEqual({
      error: 'strconv.ParseUint: parsing "0x10": invalid syntax',
    });
    expect(parseGoUint('18446744073709551616', 10)).toEqual({
      error: 'strconv.ParseUint: parsing "18446744073709551616": value out of range',
    });
  });

  it('parses float32 values', () => {
    expect(parseGoFloat('0.25', 32)).toEqual({ value: 0.25 });
    expect(parseGoFloat('1e39', 32)).toEqual({
      error: 'strconv.ParseFloat: parsing "1e39": value out of range',
    });
    expect(parseGoFloat('abc', 32)).toEqual({
      error: 'strconv.ParseFloat: parsing "abc": invalid syntax',
    });
  });

  it('formats %g and %q like Go', () => {
    expect([0.0005, 1e-5, 1e6, 123456, -1, 0.001].map(formatGoG)).toEqual([
      '0.0005', '1e-05', '1e+06', '123456', '-1', '0.001',
    ]);
    expect(quoteGo('a "b"\\\n')).toBe('"a \\"b\\"\\\\\\n"');
  });
});

describe('--publish values', () => {
  const tcp = (targetPort: number, publishedPort: number) => ({
    name: '',
    protocol: 'tcp',
    targetPort,
    publishedPort,
    publishMode: 'ingress',
  });

  it('reads the short syntax with ranges and protocols', () => {
    expect(parsePublish('8080:80')).toEqual({ value: [tcp(80, 8080)] });
    expect(parsePublish('80')).toEqual({ value: [tcp(80, 0)] });
    expect(parsePublish(':80')).toEqual({ value: [tcp(80, 0)] });
    expect(parsePublish('53:53/UDP')).toEqual({ value: [{ ...tcp(53, 53), protocol: 'udp' }] });
    expect(parsePublish('80-81:90-91')).toEqual({ value: [tcp(90, 80), tcp(91, 81)] });
    expect(parsePublish('8080-8081:80')).toEqual({ value: [tcp(80, 8080), tcp(80, 8081)] });
  });

  it('reads the long syntax, case-insensitively', () => {
    expect(parsePublish('published=8080,target=80,mode=host,protocol=udp')).toEqual({
      value: [{ ...tcp(80, 8080), protocol: 'udp', publishMode: 'host' }],
    });
    expect(parsePublish('TARGET=80')).toEqual({ value: [tcp(80, 0)] });
  });

  const bad: [string, string][] = [
    ['80:abc', 'invalid containerPort: abc'],
    ['99999:80', 'invalid hostPort: 99999'],
    ['8080:80/xyz', 'invalid proto: xyz'],
    ['', 'no port specified: <empty>'],
    ['80:', 'no port specified: 80:<empty>'],
    ['80-82:80-81', 'invalid ranges specified for container and host Ports: 80-81 and 80-82'],
    ['81-80:80', 'invalid hostPort: 81-80'],
    ['1.2.3.4:80:80', 'hostip is not supported'],
    ['a:b:c:d', 'invalid IP address: a:b'],
    ['published=8080', "missing mandatory field 'target'"],
    ['target=80,mode=foo', "invalid publish mode value (foo): must be either 'ingress' or 'host'"],
    ['target=80,protocol=foo', "invalid protocol value 'foo'"],
    ['target=80,foo=1', 'invalid field key: foo'],
    ['target=80,x', 'invalid field: x'],
    ['target=abc', 'invalid target port (abc): value must be an integer: invalid syntax'],
    ['target=70000', 'invalid target port (70000): value must be an integer: value out of range'],
    ['target=80,published=', 'invalid published port (): value must be an integer: invalid syntax'],
    ['target=-1', 'invalid containerPort: target=-1'],
  ];
  for (const [text, error] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(parsePublish(text)).toEqual({ error }));
  }
});

describe('shell words', () => {
  it('splits like google/shlex', () => {
    expect(splitShellWords(`sh -c 'echo "hi there"' a\\ b "x\\"y" # comment`)).toEqual({
      value: ['sh', '-c', 'echo "hi there"', 'a b', 'x"y'],
    });
    expect(splitShellWords("'")).toEqual({ error: 'EOF found when expecting closing quote' });
    expect(splitShellWords('a\\')).toEqual({ error: 'EOF found after escape character' });
  });

  it('keeps a backslash inside double quotes before other characters, as sh does', () => {
    const line = 'ls --format "t {{.Name}}\\t{{.ID}}" "q\\"z" "d\\$e" "b\\\\c" r\\ts';
    expect(splitShellWords(line, 'sh')).toEqual({
      value: ['ls', '--format', 't {{.Name}}\\t{{.ID}}', 'q"z', 'd$e', 'b\\c', 'rts'],
    });
    // docker's own splitting of --args/--entrypoint (google/shlex) drops it.
    expect(splitShellWords('"x\\ty"')).toEqual({ value: ['xty'] });
  });
});
