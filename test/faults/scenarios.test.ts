/**
 * The fault scenarios in scenarios/faults/ meet every expectation and exit code they state, and
 * their logs show the timings and texts measured on a real 3-manager, 2-worker swarm (Engine
 * 20.10; test/fixtures/real-docker-multinode).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/model/events.js';
import { NO_LEADER_MESSAGE } from '../../src/raft/quorum.js';
import { failureLines, outcomeOf } from '../../src/scenario/outcome.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import { eventsOf } from './cluster.js';

const DIR = join(import.meta.dirname, '..', '..', 'scenarios', 'faults');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort();
const NO_LEADER =
  `Error response from daemon: rpc error: code = Unknown desc = ${NO_LEADER_MESSAGE}`;

function run(name: string): LoggedEvent[] {
  const scenario = parseScenario(readFileSync(join(DIR, name), 'utf8'), `scenarios/faults/${name}`);
  const events: LoggedEvent[] = [];
  runScenario(scenario, { observers: [(_state, event) => void events.push(event)] });
  return events;
}

function failures(events: readonly LoggedEvent[]): string[] {
  return failureLines(outcomeOf(events));
}

describe('fault scenarios', () => {
  it('cover the cases of the fault model', () => {
    expect(FILES).toEqual([
      'chaos.yaml',
      'drain-reactivate.yaml',
      'flapping-node.yaml',
      'force-new-cluster.yaml',
      'leader-partition.yaml',
      'lose-one-manager.yaml',
      'lose-two-managers.yaml',
      'relabelled-engine.yaml',
      'shrinking-node.yaml',
      'worker-crash.yaml',
    ]);
  });

  it.each(FILES)('%s meets all its expectations', (name) => {
    expect(failures(run(name))).toEqual([]);
  });

  it('draws faults in the chaos block, then heals them all', () => {
    const events = run('chaos.yaml');
    const injected = eventsOf(events, 'fault/injected');
    expect(injected.length).toBeGreaterThan(20);
    expect(injected.every((event) => event.t >= 30_000 && event.t < 330_000)).toBe(true);
    const lasting = injected.filter((e) => !['containerCrash', 'oomKill'].includes(e.fault.kind));
    expect(eventsOf(events, 'fault/healed')).toHaveLength(lasting.length);
  });

  it('fails calls without a leader with docker exact text', () => {
    const steps = eventsOf(run('lose-two-managers.yaml'), 'scenario/stepRan');
    const refused = steps.filter((step) => step.exitCode === 1);
    expect(refused.map((step) => [step.command, step.stderr])).toEqual([
      ['docker service scale web=3', `web: ${NO_LEADER}\n`],
      ['docker node update --availability drain worker1', `${NO_LEADER}\n`],
      ['docker node ls', `${NO_LEADER}\n`],
      ['docker service ls', `${NO_LEADER}\n`],
    ]);
  });

  it('lets a command typed while leaderless wait for the election, then run', () => {
    const events = run('lose-one-manager.yaml');
    const elected = eventsOf(events, 'raft/leaderElected')[0]!;
    const scale = eventsOf(events, 'scenario/stepRan').find((s) => s.command.endsWith('web=7'))!;
    expect(scale.exitCode).toBe(0);
    // Polled every second from 35 s: it runs at the first poll after the election.
    expect(scale.t).toBeGreaterThanOrEqual(elected.t);
    expect(scale.t - elected.t).toBeLessThan(1_000);
    expect((scale.t - 35_000) % 1_000).toBe(0);
  });

  it('times a worker crash like swarmkit: Down in 9-16.5 s, replacements 5 s later', () => {
    const events = run('worker-crash.yaml');
    const down = eventsOf(events, 'node/statusChanged').find((e) => e.state === 'down')!;
    expect(down.t - 30_000).toBeGreaterThan(9_000);
    expect(down.t - 30_000).toBeLessThanOrEqual(16_500);
    const replacement = eventsOf(events, 'task/created').find((e) => e.t >= down.t)!;
    expect(replacement.t).toBe(down.t);
    const started = eventsOf(events, 'task/stateChanged').find(
      (e) => e.taskId === replacement.task.id && e.state === 'running',
    )!;
    expect(started.t - down.t).toBeGreaterThanOrEqual(5_000);
    expect(started.t - down.t).toBeLessThan(6_500);
  });
});
