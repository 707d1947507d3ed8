/**
 * update-non-detached: `docker service update` and `docker service rollback` without -d, stdout
 * not a terminal. The real CLI prints the name, then its progress stream as new lines; swarmsim
 * follows the service the same way when the session lets virtual time pass (as the shell does).
 * The line texts and their order are compared exactly; repeats of a line depend on the CLI's
 * poll rate, so only the collapsed sequence and the command's duration are compared.
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { commandWords, loadRecording, replayCase, type RecordedCommand } from './case.js';

const recording = loadRecording('update-non-detached');
const UPDATE = "docker service update --args 'sleep 3601' web";
const ROLLBACK = 'docker service rollback web';

/** The output's lines with runs of the same line collapsed to one. */
function collapsed(text: string): string[] {
  return text.split('\n').filter((line, i, lines) => line !== lines[i - 1]);
}

/** Replays the create, then runs the two attached commands at their recorded times. */
function attached() {
  const replay = replayCase(recording, { only: (cmd) => cmd.startsWith('docker service create') });
  const session = {
    nodeId: replay.sim.state.nodeIds[0]!,
    follow: {
      terminal: false,
      columns: 80,
      limitMs: 60_000,
      advanceTo: (at: number) => {
        if (at > replay.sim.now) replay.sim.runUntil(at);
        return replay.sim.ctx;
      },
    },
  };
  const run = (command: RecordedCommand) => {
    replay.runTo(command.t);
    const output = runDockerCommand(replay.sim.ctx, commandWords(command.cmd), session);
    return { output, durationS: replay.sim.now / 1000 - command.t };
  };
  return { run };
}

describe('fidelity: update-non-detached', () => {
  const { run } = attached();
  for (const cmd of [UPDATE, ROLLBACK]) {
    const real = recording.commands.find((command) => command.cmd === cmd)!;
    const sim = run(real);

    it(`${cmd}: same progress lines in the same order, exit 0, nothing on stderr`, () => {
      expect(collapsed(sim.output.stdout)).toEqual(collapsed(real.stdout));
      expect([sim.output.stderr, sim.output.exitCode]).toEqual([real.stderr, real.exit]);
    });

    it(`${cmd}: returns when the service converged, ~8.7 s later`, () => {
      expect(Math.abs(sim.durationS - (real.t_end - real.t))).toBeLessThanOrEqual(0.6);
    });
  }
});
