/**
 * `docker logs [-f] [-n N] CONTAINER` on the engine the user is on: a standalone container's
 * output (kept in its record until `docker rm`), or a task container's (by its full name or
 * container ID, from the session's log book). stdout lines go to stdout and stderr lines to
 * stderr, as the json-file driver keeps them apart. `-f` follows in virtual time where the
 * session lets time pass, until the container exits or FOLLOW_LOGS_MS passed (then as with
 * Ctrl-C); texts follow docker 28 (test/fixtures/real-docker/run-detached).
 */
import type { SimContext } from '../engine/simulation.js';
import { tasksOnNode } from '../model/state.js';
import { isTerminal } from '../model/task-state.js';
import type { CommandOutput, DockerCommand, DockerSession } from './command.js';
import { failure } from './command.js';
import { findContainer } from './container-store.js';
import { containerId } from './engine-ids.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { sessionHost } from './image-store.js';
import { FOLLOW_LOGS_MS } from './service-logs.js';
import { fullTaskName } from './task-rows.js';

/** Virtual time between two looks at a followed container, ms. */
const FOLLOW_STEP_MS = 1000;

type Line = { stream: 'stdout' | 'stderr'; line: string };

/** A container's lines and whether it still runs; a string is docker's error. */
function readLogs(ctx: SimContext, session: DockerSession, ref: string) {
  const found = findContainer(ctx.state, sessionHost(ctx, session), ref);
  if (!('error' in found)) {
    return { lines: found.output as readonly Line[], running: found.state === 'running' };
  }
  // A task's container, by its name or (a prefix of) its ID.
  const task = tasksOnNode(ctx.state, session.nodeId).find(
    (candidate) =>
      fullTaskName(ctx.state, candidate) === ref ||
      (ref.length > 0 && containerId(candidate.id).startsWith(ref)),
  );
  if (!task) return found.error;
  const lines = session.logs?.linesOf(task.id) ?? [];
  return { lines: lines as readonly Line[], running: !isTerminal(task.status.state) };
}

/** `docker logs` */
export const containerLogs: DockerCommand = {
  path: ['logs'],
  use: 'logs [OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  flags: [
    boolFlag('follow', 'f'),
    stringFlag('tail', 'n'),
    unsupportedFlag('timestamps', { bool: true, short: 't' }),
    unsupportedFlag('details', { bool: true }),
    unsupportedFlag('since'),
    unsupportedFlag('until'),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const ref = parsed.args[0]!;
    let logs = readLogs(ctx, session, ref);
    if (typeof logs === 'string') return failure(`Error response from daemon: ${logs}`);
    let note = '';
    const follower = lastValue<boolean>(parsed, 'follow') ? session.follow : undefined;
    if (follower && logs.running) {
      const start = ctx.now;
      const limitMs = Math.min(FOLLOW_LOGS_MS, follower.limitMs);
      for (let at = start + FOLLOW_STEP_MS; at <= start + limitMs; at += FOLLOW_STEP_MS) {
        const read = readLogs(follower.advanceTo(at), session, ref);
        if (typeof read === 'string') break;
        logs = read;
        if (!logs.running) break;
      }
      if (logs.running) {
        note = `swarmsim: stopped following after ${limitMs / 1000} s of virtual time (Ctrl-C)\n`;
      }
    }
    const output = print(logs.lines, lastValue<string>(parsed, 'tail'));
    return { ...output, stderr: output.stderr + note };
  },
};

/** The lines, the last `tail` of them when it is a number (`all` and negatives keep all). */
function print(lines: readonly Line[], tail: string | undefined): CommandOutput {
  const count = tail === undefined || !/^\d+$/.test(tail) ? lines.length : Number(tail);
  const shown = count >= lines.length ? lines : lines.slice(lines.length - count);
  const out = { stdout: '', stderr: '', exitCode: 0 };
  for (const { stream, line } of shown) out[stream] += `${line}\n`;
  return out;
}
