/**
 * Whatever the compose files hold, `docker stack deploy` answers like docker: loading gives a
 * project or one docker-style error (never an exception), and the command exits 0 or 1 with no
 * stack trace, touching no service when the files are refused. Mutations start from the rich
 * file recorded against real docker (test/fixtures/real-docker/stack-deploy/stack.yml).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { loadCompose } from '../../src/dockercli/compose-load.js';
import { ShellSession } from '../../src/shell/session.js';
import { mutationsOf, scalarText } from '../fuzz/mutations.js';

const SEED = 20_251_125;

const STACK_DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'stack-deploy');
const RICH = readFileSync(join(STACK_DIR, 'stack.yml'), 'utf8');

/** Loads `text` as the only file; checks the outcome is a project or a docker-style error. */
function loadsCleanly(text: string, more: string[] = []): void {
  const files: Record<string, string> = { 'a.yml': text };
  more.forEach((other, index) => (files[`b${index}.yml`] = other));
  const loaded = loadCompose(Object.keys(files), (path) => files[path]);
  if ('project' in loaded) {
    // A project lists each service once, by name in code-unit order, each one a mapping.
    const names = loaded.project.services.map((entry) => entry.name);
    expect(names).toEqual([...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const { service } of loaded.project.services) {
      expect(service !== null && typeof service === 'object' && !Array.isArray(service)).toBe(true);
    }
    return;
  }
  expect(loaded.error).toMatch(/^\S/);
  expect(loaded.error).not.toMatch(/\n {4}at |\[object |undefined|TypeError/);
}

/** A compose file with `value` (YAML text) written at one of the places a service has keys. */
const fieldValue = fc
  .tuple(
    fc.constantFrom(
      'version', 'services', 'services.web', 'services.web.image', 'services.web.command',
      'services.web.environment', 'services.web.ports', 'services.web.deploy',
      'services.web.deploy.replicas', 'services.web.deploy.mode', 'services.web.deploy.resources',
      'services.web.deploy.resources.limits', 'services.web.deploy.resources.limits.memory',
      'services.web.deploy.placement', 'services.web.deploy.update_config',
      'services.web.deploy.restart_policy.delay', 'services.web.stop_grace_period',
      'services.web.labels', 'services.web.x-extra', 'x-top', 'networks', 'services.__proto__',
    ),
    fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), scalarText),
  )
  .map(([path, value]) => {
    const keys = path.split('.');
    const last = keys.pop()!;
    const head = keys.map((key, depth) => `${'  '.repeat(depth)}${key}:\n`).join('');
    const image = keys.length === 2 && last !== 'image' ? '    image: alpine\n' : '';
    return `${head}${image}${'  '.repeat(keys.length)}${last}: ${value}\n`;
  });

describe(`compose loading fuzz (fast-check seed ${SEED})`, () => {
  it('loads the rich recorded file', () => {
    const loaded = loadCompose(['a.yml'], () => RICH);
    expect('project' in loaded && loaded.project.services.map((s) => s.name)).toEqual([
      'edge', 'web', 'worker',
    ]);
  });

  it('never throws on mutations of the rich file, alone or over it', () => {
    fc.assert(
      fc.property(mutationsOf(RICH, 4), fc.boolean(), (text, over) =>
        over ? loadsCleanly(RICH, [text]) : loadsCleanly(text),
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throws on arbitrary values at any field', () => {
    fc.assert(fc.property(fieldValue, (text) => loadsCleanly(text)), {
      seed: SEED,
      numRuns: 300,
    });
  });

  it('never throws on arbitrary text', () => {
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(text, (each) => loadsCleanly(each)), { seed: SEED, numRuns: 300 });
  });
});

describe('compose inputs the fuzzing found crashing', () => {
  const load = (...texts: string[]) => loadCompose(texts.map(String), (path) => path);

  it('a merge key on a scalar (`<<: 1`) is go-yaml\'s merge error, not an exception', () => {
    expect(load('services:\n  web:\n    <<: 1\n    image: x\n')).toEqual({
      error: 'yaml: map merge requires map or sequence of maps as the value',
    });
  });

  it('too many aliases are go-yaml\'s aliasing error, not an exception', () => {
    const bomb =
      'x-a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n' +
      `x-b: &b [${Array(10).fill('*a').join(', ')}]\n` +
      `x-c: &c [${Array(10).fill('*b').join(', ')}]\n` +
      `x-d: [${Array(10).fill('*c').join(', ')}]\n`;
    expect(load(bomb)).toEqual({ error: 'yaml: document contains excessive aliasing' });
  });

  it('a service named __proto__ (`services: {__proto__: "("}`) is checked like any other', () => {
    expect(load('services:\n  __proto__: "("\n')).toEqual({
      error: 'services.__proto__ must be a mapping',
    });
    expect(load('services:\n  web:\n    image: x\n    environment: {__proto__: [1]}\n')).toEqual({
      error: 'services.web.environment.__proto__ must be a string, number or null',
    });
  });

  it('a collection as a key prints no warning of the yaml library on stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      load('services:\n  {a: 1}: {image: x}\n');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('a later file\'s service named __proto__ is merged, not made a prototype', () => {
    const loaded = load('services:\n  web: {image: x}\n', 'services:\n  __proto__: {image: y}\n');
    expect('project' in loaded && loaded.project.services).toEqual([
      { name: '__proto__', service: { image: 'y' } },
      { name: 'web', service: { image: 'x' } },
    ]);
  });
});

/** Service name -> id and spec version, to see what a deploy changed. */
function servicesOf(shell: ShellSession): Map<string, string> {
  const { services, serviceIds } = shell.simulation.state;
  return new Map(
    serviceIds.map((id) => [services[id]!.spec.name, `${id}@${services[id]!.specVersion}`]),
  );
}

/** The stack services a failed deploy printed it created or updated, but not the failed one. */
function announced(stdout: string, stderr: string): Set<string> {
  const failed = /^failed to (?:create|update) service (\S+): /m.exec(stderr)?.[1];
  const names = [...stdout.matchAll(/^(?:Creating|Updating) service (\S+)/gm)].map((m) => m[1]!);
  return new Set(names.filter((name) => name !== failed));
}

describe(`docker stack deploy fuzz in a shell (fast-check seed ${SEED})`, () => {
  it('exits 0 or 1 with no stack trace; a refused deploy changes only what it announced', () => {
    fc.assert(
      fc.property(mutationsOf(RICH, 3), fc.boolean(), (text, redeploy) => {
        const files: Record<string, string> = { 'rich.yml': RICH, 'fuzz.yml': text };
        const shell = new ShellSession({
          seed: 5,
          managers: 1,
          workers: 1,
          preformed: true,
          readFile: (path) => files[path],
        });
        // Half the runs update a deployed stack rather than create one.
        if (redeploy) expect(shell.execute('docker stack deploy -c rich.yml app').exitCode).toBe(0);
        const before = servicesOf(shell);
        const out = shell.execute('docker stack deploy -c fuzz.yml app');
        expect([0, 1]).toContain(out.exitCode);
        expect(out.stderr).not.toMatch(/^ {4}at /m);
        if (out.exitCode === 0) return;
        expect(out.stderr).not.toBe('');
        const after = servicesOf(shell);
        // docker stops at the first service the daemon refuses; those before it stay.
        const touched = announced(out.stdout, out.stderr);
        for (const [name, version] of before) {
          if (!touched.has(name)) expect(after.get(name)).toBe(version);
        }
        for (const name of after.keys()) {
          if (!before.has(name)) expect(touched).toContain(name);
        }
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});
