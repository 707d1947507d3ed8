import { describe, expect, it } from 'vitest';
import { allValues, lastValue, parseFlags, type FlagDef } from '../../src/dockercli/flags.js';
import { durationFlag, publishFlag, uintFlag } from '../../src/dockercli/flag-kinds.js';

const DEFS: FlagDef[] = [
  { name: 'detach', short: 'd', bool: true },
  { name: 'quiet', short: 'q', bool: true },
  { name: 'name' },
  { name: 'env', short: 'e' },
  publishFlag('publish', 'p'),
  uintFlag('replicas'),
  durationFlag('restart-delay'),
];

function parse(argv: string[], interspersed = true) {
  return parseFlags(argv, DEFS, { interspersed });
}

function values(argv: string[], name: string, interspersed = true): unknown[] {
  const parsed = parse(argv, interspersed);
  if ('error' in parsed) throw new Error(parsed.error);
  return allValues(parsed, name);
}

describe('parseFlags accepts the forms pflag accepts', () => {
  it('reads --flag value, --flag=value, -f value, -fvalue and -f=value', () => {
    expect(values(['--name', 'a', '--name=b'], 'name')).toEqual(['a', 'b']);
    expect(values(['-e', 'A=1', '-eB=2', '-e=C=3'], 'env')).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('groups short booleans and lets the last letter take a value', () => {
    const parsed = parse(['-dq', '-dp', '80:80', 'nginx']);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(lastValue(parsed, 'detach')).toBe(true);
    expect(lastValue(parsed, 'quiet')).toBe(true);
    expect(allValues(parsed, 'publish')).toEqual([
      [{ name: '', protocol: 'tcp', targetPort: 80, publishedPort: 80, publishMode: 'ingress' }],
    ]);
    expect(parsed.args).toEqual(['nginx']);
  });

  it('takes the next word as a value even when it starts with a dash', () => {
    const parsed = parse(['--name', '-x']);
    expect('error' in parsed ? parsed.error : lastValue(parsed, 'name')).toBe('-x');
  });

  it('reads explicit boolean values only after =', () => {
    expect(values(['--detach=false'], 'detach')).toEqual([false]);
    expect(values(['-d=0'], 'detach')).toEqual([false]);
    const parsed = parse(['--detach', 'false']);
    expect('error' in parsed ? [] : parsed.args).toEqual(['false']);
  });

  it('ends flags at -- and, when not interspersed, at the first argument', () => {
    const dashed = parse(['--', '--name', 'x']);
    expect('error' in dashed ? [] : dashed.args).toEqual(['--name', 'x']);
    const strict = parse(['nginx', '--name', 'x'], false);
    expect('error' in strict ? [] : strict.args).toEqual(['nginx', '--name', 'x']);
    const loose = parse(['nginx', '--name', 'x']);
    expect('error' in loose ? [] : loose.args).toEqual(['nginx']);
  });

  it('treats a lone dash as an argument and stops at --help', () => {
    const parsed = parse(['-', '--help', '--bogus']);
    expect('error' in parsed ? null : [parsed.args, parsed.help]).toEqual([['-'], true]);
  });
});

describe('parseFlags reports errors with pflag texts', () => {
  const cases: [string[], string][] = [
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-dx'], "unknown shorthand flag: 'x' in -x"],
    [['--name'], 'flag needs an argument: --name'],
    [['-e'], "flag needs an argument: 'e' in -e"],
    [['---x'], 'bad flag syntax: ---x'],
    [['--=x'], 'bad flag syntax: --=x'],
    [
      ['-d=foo'],
      'invalid argument "foo" for "-d, --detach" flag: ' +
        'strconv.ParseBool: parsing "foo": invalid syntax',
    ],
    [
      ['--replicas', '-1'],
      'invalid argument "-1" for "--replicas" flag: ' +
        'strconv.ParseUint: parsing "-1": invalid syntax',
    ],
    [
      ['--restart-delay', '5'],
      'invalid argument "5" for "--restart-delay" flag: time: missing unit in duration "5"',
    ],
    [['-p', 'abc'], 'invalid argument "abc" for "-p, --publish" flag: invalid containerPort: abc'],
  ];
  for (const [argv, message] of cases) {
    it(`refuses ${argv.join(' ')}`, () => {
      expect(parse(argv)).toEqual({ error: message });
    });
  }

  it('reports the first error on the line', () => {
    expect(parse(['--replicas', 'x', '--foo'])).toEqual({
      error:
        'invalid argument "x" for "--replicas" flag: ' +
        'strconv.ParseUint: parsing "x": invalid syntax',
    });
  });
});
