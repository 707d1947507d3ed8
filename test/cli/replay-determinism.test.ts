/** `replay` re-folds and verifies a log `run` wrote; `determinism` compares runs of each seed. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, scratchDir } from './helpers.js';

const DEFAULT = join(ROOT, 'scenarios', 'default.yaml');

function footerOf(path: string): { events: number; hash: string } {
  return JSON.parse(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)!);
}

/** The summary from the cluster table to the verdict: everything that comes from the log. */
function body(text: string): string {
  return text.slice(text.indexOf('\nCluster'), text.search(/\n(PASSED|FAILED): .*\n/) + 1);
}

describe('swarmsim replay', () => {
  it('verifies a log written by run and prints the same summary', async () => {
    const dir = scratchDir();
    const run = await cli(['run', DEFAULT, '--out', 'run.ndjson'], dir);
    // The default scenario meets every expectation: a failing one is a bug, not a replay case.
    expect([run.code, run.stderr]).toEqual([0, '']);
    const replay = await cli(['replay', 'run.ndjson'], dir);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    const { events, hash } = footerOf(join(dir, 'run.ndjson'));
    const verified = `replay: ${events} events re-folded, hash verified (${hash})\n`;
    expect(replay.stdout).toContain(verified);
    expect(body(replay.stdout)).toBe(body(run.stdout));
    expect(body(run.stdout).length).toBeGreaterThan(100);
  });

  it('exits 1 naming the problem when a line was edited', async () => {
    const dir = scratchDir();
    await cli(['run', DEFAULT, '--out', 'run.ndjson'], dir);
    const path = join(dir, 'run.ndjson');
    // Still a valid event that folds fine, but not the one that was hashed.
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"heartbeatPeriodMs":5000');
    writeFileSync(path, text.replace('"heartbeatPeriodMs":5000', '"heartbeatPeriodMs":4000'));
    const { code, stderr } = await cli(['replay', 'run.ndjson'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        '^swarmsim: run\\.ndjson: hash mismatch: the footer says sha256:[0-9a-f]{64} but the ' +
          'lines hash to sha256:[0-9a-f]{64}; the log was edited or corrupted\\n$',
      ),
    );
  });

  it('exits 1 with the line number when the log is truncated', async () => {
    const dir = scratchDir();
    await cli(['run', DEFAULT, '--out', 'run.ndjson'], dir);
    const path = join(dir, 'run.ndjson');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${lines.slice(0, 4).join('\n')}\n`);
    const { code, stderr } = await cli(['replay', 'run.ndjson'], dir);
    expect([code, stderr]).toEqual([
      1,
      'swarmsim: run.ndjson: 4: the last line is not a footer: the log is truncated\n',
    ]);
  });

  it('exits 2 when the log cannot be read', async () => {
    const { code, stderr } = await cli(['replay', 'missing.ndjson'], scratchDir());
    expect([code, stderr]).toEqual([
      2,
      'swarmsim: cannot read missing.ndjson: no such file or directory\n',
    ]);
  });
});

describe('swarmsim determinism', () => {
  it('runs each seed twice and prints a table of identical hashes', async () => {
    const { code, stdout } = await cli(['determinism', DEFAULT, '--seeds', '2', '--seed', '5']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEED {3}RUN 1 {21}RUN 2 {21}SAME$/);
    expect(lines[1]).toMatch(/^5 {6}(sha256:[0-9a-f]{16}) {3}\1 {3}yes$/);
    expect(lines[2]).toMatch(/^6 {6}(sha256:[0-9a-f]{16}) {3}\1 {3}yes$/);
    expect(lines[1]!.slice(7, 30)).not.toBe(lines[2]!.slice(7, 30));
    expect(lines[3]).toBe('deterministic: 2 seeds, each run twice, gave identical logs');
  });

  it('hashes what run --out writes for the same seed', async () => {
    const dir = scratchDir();
    await cli(['run', DEFAULT, '--seed', '3', '--out', 'run.ndjson'], dir);
    const { hash } = footerOf(join(dir, 'run.ndjson'));
    // The header names the scenario as given, so it is given the same way to both.
    const { stdout } = await cli(['determinism', DEFAULT, '--seeds', '1', '--seed', '3'], dir);
    expect(stdout).toContain(hash.slice(0, 23));
  });

  it('plays a lesson twice per seed and hashes what `run LESSON --out` writes', async () => {
    const dir = scratchDir();
    const lesson = join(ROOT, 'scenarios', 'course', '03-service-lifecycle.yaml');
    await cli(['run', lesson, '--seed', '4', '--out', 'lesson.ndjson'], dir);
    const { hash } = footerOf(join(dir, 'lesson.ndjson'));
    const { code, stdout } = await cli(['determinism', lesson, '--seeds', '1', '--seed', '4'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^4 {6}(sha256:[0-9a-f]{16}) {3}\1 {3}yes$/m);
    expect(stdout).toContain(hash.slice(0, 23));
  });

  it('tells a lesson from a scenario where only scenarios make sense (chaos)', async () => {
    const lesson = join('scenarios', 'course', '03-service-lifecycle.yaml');
    const { code, stderr } = await cli(['chaos', lesson, '--seeds', '1']);
    expect(code).toBe(2);
    expect(stderr).toBe(`swarmsim: ${lesson} is a lesson, not a scenario: play it with ` +
      `\`swarmsim lesson ${lesson}\` or \`swarmsim run ${lesson}\`\n`);
  });

  it('exits 2 on bad flag values', async () => {
    const { code, stderr } = await cli(['determinism', DEFAULT, '--seeds', 'many']);
    expect([code, stderr]).toEqual([
      2,
      "swarmsim: --seeds must be a whole number from 0 to 4294967295, not 'many'\n",
    ]);
  });
});
