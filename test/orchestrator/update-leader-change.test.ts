/**
 * An update run ends with its leader's leadership (src/orchestrator/update.ts): swarmkit's new
 * leader starts fresh orchestrators, whose reconciles start their own runs from the slots as
 * they are then. A run that outlived the old leader would still hold its old slot list.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/model/events.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

// Three tasks that exit at once use up their 2 restarts; an update is under way when quorum is
// lost. The new leader's restart history is empty, so its reconcile refills the spent slots.
const SCENARIO = [
  'name: leader-change', 'seed: 1', 'until: 180s',
  'cluster:', '  managers: 2', '  workers: 0', 'steps:',
  '  - {at: 0s, run: "docker service create -d --name s0 --replicas 3 --restart-max-attempts 2 alpine"}',
  "  - {at: 15s, run: 'docker service update -d --image nginx:alpine s0'}",
  '  - {at: 16s, partition: manager1}',
  '  - {at: 100s, heal: all}',
].join('\n');

describe('an update run across a leader change', () => {
  it("does not replace a slot the new leader's reconcile has just refilled", () => {
    const events: LoggedEvent[] = [];
    runScenario(parseScenario(SCENARIO, 'leader-change.yaml'), {
      observers: [(_state, event) => void events.push(event)],
    });
    const elected = events.filter((event) => event.type === 'raft/leaderElected').at(-1)!.t;
    const created = events.flatMap((event) =>
      event.type === 'task/created' && event.t >= elected ? [event.task] : [],
    );
    const refilled = created.filter((task) => task.origin === 'orchestrator').map((t) => t.slot);
    expect(refilled.length).toBeGreaterThan(0);
    const updated = created.filter((task) => task.origin === 'updater').map((t) => t.slot);
    for (const slot of refilled) expect(updated).not.toContain(slot);
  });
});
