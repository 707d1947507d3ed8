/**
 * Property tests of the `--format` engine: whatever template the user writes, parsing and
 * running it either produce text or a clean TemplateError worded like Go's, and the docker
 * layer turns that into `template parsing error: ...` with exit 1, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { compileTemplate, runTemplate, TemplateError } from '../../src/dockercli/template/index.js';
import { GoMap, GoNil, GoStruct } from '../../src/dockercli/template/values.js';
import { fixture } from '../api/fixture.js';

const SEED = 20251125;

const piece = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '{{',
      '}}',
      '{{-',
      '-}}',
      ' ',
      '.',
      '.ID',
      '.Labels',
      '.Args',
      '.Missing',
      '$',
      '$x',
      ':=',
      '=',
      '|',
      '(',
      ')',
      '"a"',
      '`r`',
      "'c'",
      '1',
      '-2',
      '3.5',
      '0x1f',
      'true',
      'nil',
      'if',
      'else',
      'end',
      'range',
      'with',
      'define',
      'template',
      'block',
      'break',
      'continue',
      'json',
      'join',
      'upper',
      'lower',
      'title',
      'split',
      'pad',
      'truncate',
      'len',
      'index',
      'slice',
      'printf',
      'print',
      'println',
      'eq',
      'lt',
      'and',
      'or',
      'not',
      'html',
      'js',
      'call',
      ',',
      '/*',
      '*/',
      '\\t',
      '\n',
      'table ',
      '"%d %s %v"',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const templates = fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join(''));

const dot = new GoStruct(
  '*service.serviceContext',
  [
    { name: 'ID', value: 'abc' },
    { name: 'Labels', value: GoMap.of({ a: 'b' }) },
    { name: 'Args', value: ['x', 'y'] },
    { name: 'Nil', value: new GoNil('*swarm.UpdateStatus') },
  ],
  true,
);

describe(`template fuzz (seed ${SEED})`, () => {
  it('parses and runs or fails with a Go-worded TemplateError', () => {
    fc.assert(
      fc.property(templates, (text) => {
        try {
          const output = runTemplate(compileTemplate(text), dot);
          expect(typeof output).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
          expect((error as TemplateError).message).toMatch(/^template: :\d+(:\d+)?: /);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('turns any --format into output or "template parsing error" with exit 1', () => {
    const fx = fixture();
    const session = { nodeId: fx.node('manager1') };
    runDockerCommand(
      fx.sim.ctx,
      ['docker', 'service', 'create', '-d', '--name', 'web', 'nginx'],
      session,
    );
    fc.assert(
      fc.property(
        templates,
        fc.constantFrom('service ls', 'node ls', 'service ps web', 'ps'),
        (text, command) => {
          const out = runDockerCommand(
            fx.sim.ctx,
            ['docker', ...command.split(' '), '--format', text],
            session,
          );
          if (out.exitCode === 0) expect(out.stderr).toBe('');
          else expect(out.stderr).toMatch(/^template parsing error: template: :\d+/);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
