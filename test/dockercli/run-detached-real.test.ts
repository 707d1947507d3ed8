/**
 * Standalone containers against what the docker 28.2.2 CLI and Engine 20.10 printed
 * (test/fixtures/real-docker/run-detached), IDs aside: each recorded line runs in a
 * `swarmsim shell` on one machine that did `docker swarm init`, with the recording's pauses.
 * Not compared: `docker ps` tables (their ages follow the recording's wall clock) and the
 * output of scripts the command model does not interpret (`$((...))`, `>&2`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShellSession } from '../../src/shell/session.js';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'run-detached');

interface Recorded {
  cmd: string;
  exit: number;
  stdout: string;
  stderr: string;
}

const RECORDED = readFileSync(join(CASE, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recorded);

/** IDs differ from run to run. */
function normal(text: string): string {
  return text.replace(/\b[0-9a-f]{64}\b/g, 'ID').replace(/\b[0-9a-f]{12}\b/g, 'ID');
}

/** Recorded lines whose output depends on what swarmsim does not model or on wall-clock ages. */
function compared(cmd: string): boolean {
  return (
    !/^docker (ps|service create)/.test(cmd) &&
    !/\$\(\(|>&2/.test(cmd) &&
    // `quick` runs `>&2`, so here it never ends: its logs and its removal differ.
    !['docker logs pinger', 'docker logs quick', 'docker rm pinger web web2 quick'].includes(cmd)
  );
}

describe('standalone containers, as recorded', () => {
  const shell = new ShellSession({ seed: 11, managers: 1, workers: 0, preformed: false });
  shell.execute('docker swarm init');
  const outcomes = RECORDED.map((recorded, index) => {
    // The script's pauses: `sleep 3` after the first runs, `sleep 4` after the service.
    if (index === 5) shell.execute('sleep 3');
    if (recorded.cmd.startsWith('docker run -d --name clash')) shell.execute('sleep 4');
    return { recorded, got: shell.execute(recorded.cmd) };
  });

  it('prints what docker printed, exit codes included', () => {
    const pairs = outcomes
      .filter(({ recorded }) => compared(recorded.cmd))
      .map(({ recorded, got }) => ({
        cmd: recorded.cmd,
        expected: [normal(recorded.stdout), normal(recorded.stderr), recorded.exit],
        got: [normal(got.stdout), normal(got.stderr), got.exitCode],
      }));
    expect(pairs.length).toBeGreaterThan(15);
    for (const { cmd, expected, got } of pairs) expect(got, cmd).toEqual(expected);
  });
});
