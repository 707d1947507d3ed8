/**
 * Golden logs: every shipped scenario, on seeds 1 to 3, must write exactly the log it wrote when
 * the hashes below were recorded. A change in behaviour changes a hash: that is the point. If the
 * change is intended, re-record with `npm run golden:update` and say in the commit what changed.
 *
 * Each run is also replayed: folding its log must verify the hash and rebuild the final state
 * exactly, the property `swarmsim replay` relies on; and every seed must meet the scenario's
 * expectations and keep every safety invariant after every event.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { strictInvariantObserver } from '../../src/check/invariants.js';
import { LogWriter, MemorySink } from '../../src/engine/log.js';
import { replayLog } from '../../src/engine/replay.js';
import { failureLines, outcomeOf } from '../../src/scenario/outcome.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

const ROOT = join(import.meta.dirname, '..', '..');
const HASHES_FILE = join(import.meta.dirname, 'log-hashes.json');
const SEEDS = [1, 2, 3];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      // scenarios/course/ holds lessons (docs/lessons.md), played by test/lesson, not scenarios.
      if (statSync(path).isDirectory()) return name === 'course' ? [] : scenarioFiles(path);
      return name.endsWith('.yaml') ? [relative(ROOT, path)] : [];
    });
}

const recorded: Record<string, string> = existsSync(HASHES_FILE)
  ? (JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as Record<string, string>)
  : {};
const observed: Record<string, string> = {};

function runLogged(file: string, seed: number) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const sink = new MemorySink();
  // The version is fixed so that releasing does not churn the hashes; only behaviour does.
  const log = new LogWriter(sink, {
    seed,
    scenarioHash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
    scenario: file,
    swarmsimVersion: 'golden',
  });
  // Observers do not change the log; the checker throws on the first broken invariant.
  const observers = [strictInvariantObserver()];
  const { sim } = runScenario(parseScenario(text, file), { seed, log, observers });
  const footer = log.close();
  return { sim, footer, text: `${sink.lines.join('\n')}\n` };
}

describe('golden event logs of the shipped scenarios', () => {
  const cases = scenarioFiles(join(ROOT, 'scenarios')).flatMap((file) =>
    SEEDS.map((seed) => [file, seed] as const),
  );

  it.each(cases)('%s with seed %i writes its recorded log, which replays exactly', (file, seed) => {
    const { sim, footer, text } = runLogged(file, seed);
    const key = `${file} seed ${seed}`;
    observed[key] = footer.hash;
    const replay = replayLog(text);
    expect(replay.computedHash).toBe(footer.hash);
    expect(replay.state).toEqual(sim.state);
    // A scenario's expectations must hold whatever the seed: a check that names what a seed
    // happened to draw (an election's winner, a task ID's order) is a defect of the scenario.
    expect(failureLines(outcomeOf(replay.events)), key).toEqual([]);
    if (!UPDATE) expect(footer.hash, `${key}: re-record with npm run golden:update if intended`).toBe(recorded[key]);
  });

  afterAll(() => {
    if (UPDATE) writeFileSync(HASHES_FILE, `${JSON.stringify(observed, null, 2)}\n`);
  });
});
