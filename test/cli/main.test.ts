/** The command line as a whole: help, version, unknown commands and flags, a real process. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const VERSION = PACKAGE.version;

describe('swarmsim command line', () => {
  it('lists every command in --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['run <file>', 'replay <log>', 'determinism <file>']) {
      expect(stdout).toContain(`swarmsim ${command}`);
    }
  });

  it('has --help for each command, with its flags and exit codes', async () => {
    const run = await cli(['run', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--seed', '--until', '--out', '--check']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain(
      'Exit status: 0 all expectations met, 1 a step or expectation failed, 2 bad input.',
    );
    const replay = await cli(['replay', '--help']);
    expect(replay.stdout).toContain('Re-fold an NDJSON event log and verify its hash');
    expect((await cli(['determinism', '--help'])).stdout).toContain('--seeds');
  });

  it('prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('refuses an unknown command, flag or argument in one line, exit 2', async () => {
    expect(await cli(['simulate', 'x.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "swarmsim: unknown command 'simulate'; commands: run, replay, view, determinism, chaos, " +
        'shell, lesson (see swarmsim --help)\n',
    });
    expect(await cli(['run', 'x.yaml', '--sed', '3'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'swarmsim: unknown argument: sed (see swarmsim run --help)\n',
    });
    const missing = await cli(['run']);
    expect([missing.code, missing.stderr.split('\n').length]).toEqual([2, 2]);
    const none = await cli([]);
    expect([none.code, none.stderr]).toEqual([
      2,
      'swarmsim: a command is required (see swarmsim --help)\n',
    ]);
  });

  it('works as a real process: output flushed and exit status set', () => {
    const script =
      "import { runCli } from './src/cli/main.ts';" +
      'process.exitCode = await runCli(process.argv.slice(1));';
    const args = ['run', 'scenarios/default.yaml', '--until', '2m', '--seed', '2'];
    const node = ['--import', 'tsx', '--input-type=module', '-e', script];
    const result = spawnSync(process.execPath, [...node, ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^scenarios\/default\.yaml: seed 2, until 2m, \d+ events, sha256:/,
    );
    expect(result.stdout).toMatch(
      /\n(PASSED|FAILED): \d+\/\d+ steps ok, \d+\/\d+ expectations met\n/,
    );
    expect(result.status).toBe(result.stdout.includes('\nPASSED') ? 0 : 1);
  });
});
