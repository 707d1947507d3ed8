/**
 * `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]` on the engine the user is on: the image is
 * found as `docker build`'s FROM finds it (a local build, an image ID, or the registry, pulled
 * first with docker's `Unable to find image ... locally` on stderr), then a standalone container
 * is created (`container/created`, container-create.ts) and its process runs on the engine
 * (src/agent/standalone.ts). With `-d` the command prints the container's ID; in the foreground
 * it prints what the process prints and returns its exit code (`alpine echo hi`,
 * `hello-world`), computed by the same command model, and the container is kept (`docker ps -a`)
 * unless `--rm`. A process still running after FOLLOW_RUN_MS of virtual time is left running,
 * as after a Ctrl-C the process ignores. Texts follow docker 28 (test/fixtures/real-docker/
 * build-push, run-detached). Not simulated: an interactive terminal, volumes and networks.
 */
import { startProcess } from '../agent/command-model.js';
import { tagKey } from '../agent/image-config.js';
import { imageCacheKey, parseImageRef } from '../agent/image.js';
import { DEFAULT_AGENT_TIMINGS, pullDurationMs } from '../agent/timings.js';
import type { SimContext } from '../engine/simulation.js';
import type { StandaloneContainerSpec } from '../model/types.js';
import { processSpec } from '../agent/standalone.js';
import type { CommandOutput, DockerCommand, DockerSession } from './command.js';
import { createContainer, RUN_HELP } from './container-create.js';
import {
  boolFlag,
  envFlag,
  stringFlag,
  uintFlag,
  unsupportedFlag,
  wordsFlag,
} from './flag-kinds.js';
import { lastValue } from './flags.js';
import { baseImage, sessionHost } from './image-store.js';
import { registryDigest } from './image-resolve.js';

/** Virtual time a foreground run is followed before it is left as with Ctrl-C, ms. */
export const FOLLOW_RUN_MS = 10_000;

/** Most process actions followed (a process printing without pause could go on for ever). */
const ACTIONS_MAX = 10_000;

/** `docker run` */
export const containerRun: DockerCommand = {
  path: ['run'],
  use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  flags: [
    boolFlag('rm'),
    envFlag('env', 'e'),
    wordsFlag('entrypoint'),
    stringFlag('workdir', 'w'),
    stringFlag('user', 'u'),
    boolFlag('detach', 'd'),
    stringFlag('name'),
    { name: 'publish', short: 'p' },
    uintFlag('stop-timeout'),
    unsupportedFlag('interactive', { bool: true, short: 'i' }),
    unsupportedFlag('tty', { bool: true, short: 't' }),
    unsupportedFlag('volume', { short: 'v' }),
    unsupportedFlag('network'),
  ],
  args: { atLeast: 1 },
  // The first argument is the image: what follows is the container's command, flags and all.
  interspersed: false,
  run(ctx, parsed, session) {
    const [image = '', ...args] = parsed.args;
    const host = sessionHost(ctx, session);
    const base = baseImage(ctx, host, image, session.images ?? []);
    const missing = `Unable to find image '${tagKey(image)}' locally\n`;
    if ('error' in base) {
      const stderr = `${missing}docker: Error response from daemon: ${base.error}\n${RUN_HELP}`;
      return { stdout: '', stderr, exitCode: 125 };
    }
    const pulled = base.pull ? pull(ctx, session, base.pull) : { stderr: '', ms: 0 };
    const before = base.pull ? `${missing}${pulled.stderr}` : '';
    // The container is created once the pull is done.
    const now =
      pulled.ms > 0 && session.follow ? session.follow.advanceTo(ctx.now + pulled.ms) : ctx;
    const created = createContainer(now, parsed, { host, image, args, config: base.config });
    if ('failed' in created) return { ...created.failed, stderr: before + created.failed.stderr };
    if (lastValue<boolean>(parsed, 'detach') ?? false) {
      return { stdout: `${created.spec.id}\n`, stderr: before, exitCode: 0 };
    }
    const { result, elapsedMs } = follow(created.spec);
    session.follow?.advanceTo(now.now + elapsedMs);
    return { ...result, stderr: before + result.stderr };
  },
};

/** Pulls the image for the run: docker's status lines (stderr) and the time it takes. */
function pull(
  ctx: SimContext,
  session: DockerSession,
  ref: string,
): { stderr: string; ms: number } {
  const { name, tag } = parseImageRef(ref);
  const path = name.includes('/') ? name : `library/${name}`;
  const stderr =
    `${tag}: Pulling from ${path}\nDigest: ${registryDigest(ref)}\n` +
    `Status: Downloaded newer image for ${ref}\n`;
  const node = ctx.state.nodes[session.nodeId];
  const key = imageCacheKey(ref);
  if (node && !node.images.includes(key)) {
    ctx.emit({ type: 'node/imagePulled', nodeId: session.nodeId, image: key });
  }
  return { stderr, ms: pullDurationMs(ref, DEFAULT_AGENT_TIMINGS) };
}

/** Runs the process for at most FOLLOW_RUN_MS of virtual time: its output and exit code. */
function follow(container: StandaloneContainerSpec): { result: CommandOutput; elapsedMs: number } {
  // The engine runs the same process from the same seed (the ID), so its log matches.
  const process = startProcess(processSpec(container), { taskId: container.id });
  const result = { stdout: '', stderr: '', exitCode: 0 };
  let elapsedMs = 0;
  for (let i = 0; i < ACTIONS_MAX; i += 1) {
    const step = process.next();
    if (step.done) return { result: { ...result, exitCode: step.value }, elapsedMs };
    const action = step.value;
    if (action.kind === 'print') {
      result[action.stream] += `${action.line}\n`;
      continue;
    }
    if (elapsedMs + action.ms > FOLLOW_RUN_MS) break;
    elapsedMs += action.ms;
  }
  const note =
    `swarmsim: stopped following after ${FOLLOW_RUN_MS / 1000} s of virtual time (Ctrl-C); ` +
    `the container keeps running: docker stop ${container.name}\n`;
  // 130: what a shell reports for a foreground command ended by Ctrl-C (128 + SIGINT).
  const stopped = { ...result, stderr: result.stderr + note, exitCode: 130 };
  return { result: stopped, elapsedMs: FOLLOW_RUN_MS };
}
