/**
 * A leader without a quorum cannot commit (fixture real-docker-multinode/quorum-loss-write): in
 * the shell, a write sent to it waits in virtual time until the leader steps down, then fails
 * with swarmkit's "node lost leader status"; reads answer at once from its store; a write whose
 * quorum comes back before the step-down commits then.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/model/events.js';
import { failureLines, outcomeOf } from '../../src/scenario/outcome.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import type { ShellSession } from '../../src/shell/session.js';
import { eventsOf } from '../faults/cluster.js';
import { healAllFaults } from '../../src/faults/inject.js';
import { LOST_LEADERSHIP_MESSAGE } from '../../src/raft/hung-write.js';
import { run, session } from '../shell/helpers.js';

const LOST =
  `Error response from daemon: rpc error: code = Unknown desc = ${LOST_LEADERSHIP_MESSAGE}`;

function pwd(): ShellSession {
  const shell = session({ managers: 3, workers: 2 });
  run(shell, 'docker service create -d --name web --replicas 3 nginx', 'sleep 10');
  return shell;
}

function replicas(shell: ShellSession, name: string): number | undefined {
  const { state } = shell.simulation;
  const id = state.serviceIds.find((each) => state.services[each]!.spec.name === name);
  const mode = id === undefined ? undefined : state.services[id]!.spec.mode;
  return mode && 'replicated' in mode ? mode.replicated.replicas : undefined;
}

const leaderOf = (shell: ShellSession) => shell.simulation.state.world.raft.leaderId;

describe('writes on a leader without a quorum', () => {
  it('wait until the leader steps down, then fail with the recorded text', () => {
    const shell = pwd();
    const leader = leaderOf(shell);
    run(shell, 'sim crash manager2', 'sim crash manager3');
    expect(leaderOf(shell)).toBe(leader);
    const before = shell.simulation.now;
    const scaled = run(shell, 'docker service scale -d web=5');
    const waited = shell.simulation.now - before;
    expect(scaled).toEqual({ stdout: '', stderr: `web: ${LOST}\n`, exitCode: 1 });
    // CheckQuorum: 10..19 ticks after the quorum was lost.
    expect(waited).toBeGreaterThanOrEqual(10_000);
    expect(waited).toBeLessThanOrEqual(19_500);
    expect(leaderOf(shell)).toBeNull();
    expect(replicas(shell, 'web')).toBe(3);
  });

  it('fail every kind of write alike and change nothing', () => {
    const shell = pwd();
    run(shell, 'sim crash manager2', 'sim crash manager3');
    const created = run(shell, 'docker service create -d --name fresh nginx');
    expect(created).toEqual({ stdout: '', stderr: `${LOST}\n`, exitCode: 1 });
    expect(replicas(shell, 'fresh')).toBeUndefined();
  });

  it('answer reads at once from the stale leader', () => {
    const shell = pwd();
    run(shell, 'sim crash manager2', 'sim crash manager3');
    const before = shell.simulation.now;
    const listed = run(shell, 'docker service ls --format {{.Name}}');
    expect(listed).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(shell.simulation.now).toBe(before);
  });

  it('commit once the quorum is back before the step-down', () => {
    const shell = pwd();
    const leader = leaderOf(shell);
    expect(shell.simulation.state.nodes[leader!]!.description.hostname).toBe('manager1');
    run(shell, 'sim partition manager1 manager2,manager3,worker1,worker2', 'sleep 2');
    expect(leaderOf(shell)).toBe(leader);
    const before = shell.simulation.now;
    // The shell cannot heal while the command waits, so the heal is a timer of the simulation.
    const sim = shell.simulation;
    sim.at(before + 3_000, 'test: heal', (ctx) => void healAllFaults(ctx));
    const scaled = run(shell, 'docker service scale -d web=2');
    expect(scaled).toEqual({ stdout: 'web scaled to 2\n', stderr: '', exitCode: 0 });
    expect(shell.simulation.now - before).toBeGreaterThanOrEqual(3_000);
    expect(shell.simulation.now - before).toBeLessThanOrEqual(3_250);
    expect(replicas(shell, 'web')).toBe(2);
  });

  it('apply at once while the leader has its quorum', () => {
    const shell = pwd();
    run(shell, 'sim crash manager3');
    const before = shell.simulation.now;
    expect(run(shell, 'docker service scale -d web=4').stdout).toBe('web scaled to 4\n');
    expect(shell.simulation.now).toBe(before);
  });
});

describe('a stale leader cut off from the majority', () => {
  it('fails a write at its own step-down while the majority elects and commits on', () => {
    const shell = pwd();
    const isolated = leaderOf(shell);
    expect(shell.simulation.state.nodes[isolated!]!.description.hostname).toBe('manager1');
    run(shell, 'sim partition manager1 manager2,manager3,worker1,worker2');
    const before = shell.simulation.now;
    const scaled = run(shell, 'docker service scale -d web=6');
    expect(scaled.stderr).toBe(`web: ${LOST}\n`);
    // Fixture: 10.1 s after the cut; swarmsim's CheckQuorum draws 10..19 ticks.
    expect(shell.simulation.now - before).toBeGreaterThanOrEqual(10_000);
    expect(shell.simulation.now - before).toBeLessThanOrEqual(19_500);
    expect(replicas(shell, 'web')).toBe(3);
  });
});

describe('scenario steps on a leader without a quorum', () => {
  const yaml = [
    'name: hung write',
    'seed: 3',
    'until: 2m',
    'cluster: 3 managers, 2 workers',
    'steps:',
    '  - {at: 1s, run: docker service create -d --name web --replicas 3 nginx}',
    '  - {at: 30s, crash: manager2}',
    '  - {at: 30s, crash: manager3}',
    '  - {at: 31s, run: docker service scale -d web=5, expect-exit: 1}',
    '  - {at: 32s, run: docker service ls}',
  ].join('\n');

  it('record a hung step when its write fails, and let later steps run meanwhile', () => {
    const events: LoggedEvent[] = [];
    const scenario = parseScenario(yaml, 'hung.yaml');
    runScenario(scenario, { observers: [(_state, event) => void events.push(event)] });
    const ran = eventsOf(events, 'scenario/stepRan');
    const lost = eventsOf(events, 'raft/leaderLost')[0]!;
    const scale = ran.find((step) => step.command.endsWith('web=5'))!;
    const listed = ran.find((step) => step.command === 'docker service ls')!;
    expect(listed.t).toBe(32_000);
    expect(listed.exitCode).toBe(0);
    expect(scale.stderr).toBe(`web: ${LOST}\n`);
    expect(scale.t).toBeGreaterThanOrEqual(lost.t);
    expect(scale.t - lost.t).toBeLessThan(250);
    expect(lost.t - 30_000).toBeGreaterThanOrEqual(10_000);
    expect(failureLines(outcomeOf(events))).toEqual([]);
  });
});
