/**
 * The bad-constraint recording (test/fixtures/real-docker/bad-constraint) replayed command by
 * command on a simulated one-node swarm, at the recorded times: each malformed `--constraint`
 * gets the manager's exact error and exit code, each odd but valid one is accepted, and
 * `service update --constraint-add` refuses like create does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realLikeNode } from '../api/fixture.js';
import { docker } from './docker.js';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'bad-constraint');

interface RecordedCommand {
  cmd: string;
  /** Seconds after the recording started. */
  t: number;
  exit: number;
  stdout: string;
  stderr: string;
}

const COMMANDS = readFileSync(join(CASE, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as RecordedCommand)
  // Commands redirected to a snapshot file printed nothing; the snapshots are other tests'.
  .filter((command) => !command.cmd.includes(' > '));

/** IDs and the ages in CURRENT STATE differ between any two runs; the rest must not. */
function mask(text: string): string {
  return text.replace(/\b[a-z0-9]{25}\b/g, '<id>').replace(/ \d+ seconds ago/g, ' N seconds ago');
}

describe('bad-constraint recording, replayed', () => {
  it('has the commands script.sh ran, refused and accepted', () => {
    expect(COMMANDS.map((command) => command.exit)).toEqual([
      1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    ]);
  });

  it('prints the exact stderr, exit code and (masked) stdout of every command', () => {
    const fx = realLikeNode();
    for (const recorded of COMMANDS) {
      fx.sim.runUntil(Math.round(recorded.t * 1000));
      const ours = docker(fx, recorded.cmd.slice('docker '.length));
      expect({ cmd: recorded.cmd, exit: ours.exitCode, stderr: ours.stderr }).toEqual({
        cmd: recorded.cmd,
        exit: recorded.exit,
        stderr: recorded.stderr,
      });
      expect(mask(ours.stdout), recorded.cmd).toBe(mask(recorded.stdout));
      // script.sh removes each `bc` it managed to create before trying the next value.
      if (recorded.cmd.includes('--name bc ') && recorded.exit === 0) {
        expect(docker(fx, 'service rm bc').exitCode).toBe(0);
      }
    }
  });
});
