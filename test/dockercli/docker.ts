import { parse } from 'shell-quote';
import { expect } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { Task } from '../../src/model/types.js';
import type { Fixture } from '../api/fixture.js';

/** Runs `docker <line>` on a node; the line is split like a shell would. */
export function docker(fx: Fixture, line: string, on = 'manager1') {
  const words = parse(line).map((word) => {
    if (typeof word !== 'string') throw new Error(`unsupported shell syntax in ${line}`);
    return word;
  });
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], { nodeId: fx.node(on) });
}


/** Runs `docker <line>` that must succeed (exit 0, no stderr); returns its stdout. */
export function dockerOk(fx: Fixture, line: string, on = 'manager1'): string {
  const out = docker(fx, line, on);
  expect(out, line).toMatchObject({ stderr: '', exitCode: 0 });
  return out.stdout;
}

/** Every task of the service named `name`, in the store's order. */
export function tasksOf(fx: Fixture, name: string): Task[] {
  const service = Object.values(fx.sim.state.services).find((s) => s.spec.name === name)!;
  return fx.sim.state.tasksByService[service.id]!.map((id) => fx.sim.state.tasks[id]!);
}

/** The hostname of the node `task` is on ('' while unassigned). */
export function hostOf(fx: Fixture, task: Task): string {
  return fx.sim.state.nodes[task.nodeId]?.description.hostname ?? '';
}
