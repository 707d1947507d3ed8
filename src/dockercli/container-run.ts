/**
 * `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]` in the foreground, on the engine the user is
 * on: the image is found as `docker build`'s FROM finds it (a local build, an image ID, or the
 * registry, pulled first with docker's `Unable to find image ... locally` on stderr), then the
 * container's process runs through the agent's command model, printing its output and
 * returning its exit code (`alpine echo hi`, `hello-world`). A process still running after
 * FOLLOW_RUN_MS of virtual time is left like a Ctrl-C. Texts follow docker 28
 * (test/fixtures/real-docker/build-push). Not simulated: the container itself (it is not kept
 * for `docker ps -a`), so `-d`, `--name`, `-p` and an interactive terminal are refused by name.
 */
import { startProcess } from '../agent/command-model.js';
import { asCatalogueImage, tagKey } from '../agent/image-config.js';
import { imageCacheKey, parseImageRef } from '../agent/image.js';
import { DEFAULT_AGENT_TIMINGS, pullDurationMs } from '../agent/timings.js';
import type { SimContext } from '../engine/simulation.js';
import type { ContainerSpec } from '../model/types.js';
import type { CommandOutput, DockerCommand, DockerSession } from './command.js';
import { hexId } from './engine-ids.js';
import { boolFlag, envFlag, stringFlag, unsupportedFlag, wordsFlag } from './flag-kinds.js';
import { allValues, lastValue } from './flags.js';
import { baseImage, sessionHost, type BaseImage } from './image-store.js';
import { registryDigest } from './image-resolve.js';

/** Virtual time a foreground run is followed before it is left as with Ctrl-C, ms. */
export const FOLLOW_RUN_MS = 10_000;

/** Most process actions followed (a process printing without pause could go on for ever). */
const ACTIONS_MAX = 10_000;

const RUN_HELP = "\nRun 'docker run --help' for more information\n";

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
    unsupportedFlag('detach', { bool: true, short: 'd' }),
    unsupportedFlag('interactive', { bool: true, short: 'i' }),
    unsupportedFlag('tty', { bool: true, short: 't' }),
    unsupportedFlag('name'),
    unsupportedFlag('publish', { short: 'p' }),
    unsupportedFlag('volume', { short: 'v' }),
    unsupportedFlag('network'),
  ],
  args: { atLeast: 1 },
  // The first argument is the image: what follows is the container's command, flags and all.
  interspersed: false,
  run(ctx, parsed, session) {
    const [image = '', ...args] = parsed.args;
    const base = baseImage(ctx, sessionHost(ctx, session), image, session.images ?? []);
    const missing = `Unable to find image '${tagKey(image)}' locally\n`;
    if ('error' in base) {
      const stderr = `${missing}docker: Error response from daemon: ${base.error}\n${RUN_HELP}`;
      return { stdout: '', stderr, exitCode: 125 };
    }
    const pulled = base.pull ? pull(ctx, session, base.pull) : { stderr: '', ms: 0 };
    const container: ContainerSpec = {
      image,
      command: lastValue<string[]>(parsed, 'entrypoint') ?? [],
      args,
      env: [...base.config.env, ...allValues<string>(parsed, 'env')],
      labels: {},
      stopGracePeriodMs: 10_000,
      hostname: '',
      dir: lastValue<string>(parsed, 'workdir') ?? base.config.workingDir,
      user: lastValue<string>(parsed, 'user') ?? base.config.user,
    };
    const { result, elapsedMs } = follow(container, base);
    session.follow?.advanceTo(ctx.now + pulled.ms + elapsedMs);
    const before = base.pull ? `${missing}${pulled.stderr}` : '';
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
function follow(
  container: ContainerSpec,
  base: BaseImage,
): { result: CommandOutput; elapsedMs: number } {
  const image = asCatalogueImage(base.config);
  const taskId = hexId(`run/${base.id}/${JSON.stringify(container)}`);
  const process = startProcess(container, { taskId, image });
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
    'the container is not kept (standalone containers are not simulated yet)\n';
  // 130: what a shell reports for a foreground command ended by Ctrl-C (128 + SIGINT).
  const stopped = { ...result, stderr: result.stderr + note, exitCode: 130 };
  return { result: stopped, elapsedMs: FOLLOW_RUN_MS };
}
