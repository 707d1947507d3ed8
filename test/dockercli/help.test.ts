/**
 * `--help` of the read commands, byte for byte as the docker 28.2.2 client prints it (recorded
 * into fixtures/help with `docker <command> --help`, no daemon needed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker } from './docker.js';
import { fixture } from '../api/fixture.js';

const HELP = join(import.meta.dirname, 'fixtures', 'help');

describe('--help pages', () => {
  it.each([
    'service ls',
    'service ps',
    'service inspect',
    'service logs',
    'node ls',
    'node inspect',
    'node ps',
    'ps',
    'container ls',
    'info',
    'version',
    'network ls',
  ])('docker %s --help', (command) => {
    const expected = readFileSync(join(HELP, `${command.replace(' ', '-')}.txt`), 'utf8');
    expect(docker(fixture(), `${command} --help`)).toEqual({
      stdout: expected,
      stderr: '',
      exitCode: 0,
    });
  });
});
