/**
 * scale-restart-none: a 1-replica service scaled to 0 and straight back to 1, before its task
 * stopped. With `--restart-condition none` the real engine created no task and the service
 * stayed at 0/1 for good (swarmkit's restart supervisor counts the newest task of a slot as
 * updatable when no restart may follow it, so the removed task still held the slot at the
 * scale-up, and deleting it later reconciles nothing); with the default condition it created a
 * new task. Compared with the simulator's replay; the `service ps` rows are compared by
 * cli-snapshots.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { commandTime, loadRecording, replayCase, simulatedTasks } from './case.js';
import { simulatedReplicas } from './views.js';

const recording = loadRecording('scale-restart-none');

/** What `service ls --format '{{.Name}} {{.Replicas}}'` printed for `service`. */
function recordedLs(service: string): string {
  const command = recording.commands.find((c) => c.cmd.includes(`ls --filter name=${service} `));
  return command!.stdout.trim();
}

describe('fidelity: scale-restart-none', () => {
  it.each([
    ['rnone', '0/1', 0],
    ['rany', '1/1', 1],
  ] as const)('%s ends %s with %i task after 0 and back to 1', (name, replicas, tasks) => {
    const replay = replayCase(recording);
    const listed = recording.commands.find((c) => c.cmd.includes(`ls --filter name=${name} `))!;
    replay.runTo(listed.t);
    expect(recordedLs(name)).toBe(`${name} ${replicas}`);
    expect(`${name} ${simulatedReplicas(replay, name)}`).toBe(recordedLs(name));
    const scaledUp = commandTime(recording, `docker service scale -d ${name}=1`);
    const live = simulatedTasks(replay, name).filter((task) => task.createdT >= scaledUp);
    expect(live).toHaveLength(tasks);
  });
});
