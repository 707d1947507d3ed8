/**
 * `docker stop` and `docker rm` of standalone containers (`docker run`). Both print each name
 * or ID as given once done, and docker's errors on stderr (exit 1): `No such container`, and
 * for `rm` of a running container without `-f` the daemon's refusal. `rm -f` kills (137) and
 * removes at once; its not-found errors are still printed but do not fail the command, as the
 * docker 28 CLI does. `stop` sends SIGTERM and SIGKILL after the timeout (`-t`, else the
 * container's `--stop-timeout`, 10 s); where the session lets time pass it waits, as docker
 * does, until the containers have exited. Texts: test/fixtures/real-docker/run-detached.
 */
import type { SimContext } from '../engine/simulation.js';
import { Printer, type CommandOutput, type DockerCommand, type DockerSession } from './command.js';
import { findContainer } from './container-store.js';
import { boolFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue, type FlagDef } from './flags.js';
import { sessionHost } from './image-store.js';

/** Virtual time between two looks at containers being stopped, ms. */
const STOP_STEP_MS = 100;

/** `-t`/`--time`: whole seconds, as pflag's IntVar reads them. */
const TIME_FLAG: FlagDef = {
  name: 'time',
  short: 't',
  parse: (raw) =>
    /^-?\d+$/.test(raw)
      ? { value: Number(raw) }
      : { error: `strconv.ParseInt: parsing "${raw}": invalid syntax` },
};

/** `docker stop` */
export const containerStop: DockerCommand = {
  path: ['stop'],
  use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  flags: [TIME_FLAG, unsupportedFlag('signal', { short: 's' })],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const host = sessionHost(ctx, session);
    const printer = new Printer();
    const waiting: string[] = [];
    const time = lastValue<number>(parsed, 'time');
    let longestMs = 0;
    for (const ref of parsed.args) {
      const found = findContainer(ctx.state, host, ref);
      if ('error' in found) {
        printer.err(`Error response from daemon: ${found.error}`);
        continue;
      }
      if (found.state === 'running') {
        const timeoutMs = time === undefined ? found.stopTimeoutMs : Math.max(0, time) * 1000;
        ctx.emit({ type: 'container/stopRequested', containerId: found.id, timeoutMs });
        waiting.push(found.id);
        longestMs = Math.max(longestMs, timeoutMs);
      }
      printer.out(ref);
    }
    waitForExits(ctx, session, waiting, longestMs);
    return printer.done(printer.stderr !== '');
  },
};

/** Lets virtual time pass until the containers have exited (the kill comes at the latest). */
function waitForExits(
  ctx: SimContext,
  session: DockerSession,
  ids: readonly string[],
  longestMs: number,
): void {
  const follower = session.follow;
  if (!follower || ids.length === 0) return;
  const start = ctx.now;
  let current = ctx;
  const running = () => ids.some((id) => current.state.containers?.[id]?.state === 'running');
  for (let at = start + STOP_STEP_MS; running() && at <= start + longestMs + 1000; ) {
    current = follower.advanceTo(at);
    at += STOP_STEP_MS;
  }
}

/** `docker rm` */
export const containerRm: DockerCommand = {
  path: ['rm'],
  use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  flags: [
    boolFlag('force', 'f'),
    boolFlag('volumes', 'v'),
    unsupportedFlag('link', { bool: true, short: 'l' }),
  ],
  args: { atLeast: 1 },
  run: (ctx, parsed, session) => removeContainers(ctx, parsed.args, session, {
    force: lastValue<boolean>(parsed, 'force') ?? false,
  }),
};

function removeContainers(
  ctx: SimContext,
  refs: readonly string[],
  session: DockerSession,
  options: { force: boolean },
): CommandOutput {
  const host = sessionHost(ctx, session);
  const printer = new Printer();
  let failed = false;
  for (const ref of refs) {
    const found = findContainer(ctx.state, host, ref);
    if ('error' in found) {
      printer.err(`Error response from daemon: ${found.error}`);
      // docker 28's `rm -f` ignores containers that are not there, yet says so.
      failed ||= !options.force || !found.error.startsWith('No such container');
      continue;
    }
    if (found.state === 'running') {
      if (!options.force) {
        printer.err(
          `Error response from daemon: You cannot remove a running container ${found.id}. ` +
            'Stop the container before attempting removal or force remove',
        );
        failed = true;
        continue;
      }
      // SIGKILL: 128 + 9.
      ctx.emit({ type: 'container/exited', containerId: found.id, exitCode: 137 });
    }
    // A `--rm` container killed above is removed by its engine already.
    if (ctx.state.containers?.[found.id]) {
      ctx.emit({ type: 'container/removed', containerId: found.id });
    }
    printer.out(ref);
  }
  return printer.done(failed);
}
