/**
 * `docker build [-t NAME[:TAG]]... [-f FILE] PATH` as docker 28 without buildx does it: the
 * legacy builder, with its DEPRECATED notice first on stderr, against Engine 20.10 (recorded in
 * test/fixtures/real-docker/build-push). The Dockerfile is read through the session's files,
 * `-f` relative to the working directory; the context's size counts the Dockerfile and the files
 * COPY/ADD name (swarmsim cannot list a directory). The image lands in the local store of the
 * engine the user is on only: an `image/built` event, so a replay knows it. Virtual time passes
 * while it builds (pull of the base, half a second per step that runs a container).
 */
import { DEFAULT_AGENT_TIMINGS, pullDurationMs } from '../agent/timings.js';
import { isValidImageReference } from '../api/image-reference.js';
import { imageCacheKey, parseImageRef } from '../agent/image.js';
import type { SimContext } from '../engine/simulation.js';
import type { LocalImage } from '../model/types.js';
import { tagKey } from '../agent/image-config.js';
import { buildContextSize, copiedFiles, joinPath, VIRTUAL_CWD } from './build-context.js';
import { runStep, type BuildProgress } from './build-steps.js';
import {
  checkArgCount,
  type CommandOutput,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import { parseDockerfile, type Instruction } from './dockerfile.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { allValues, lastValue } from './flags.js';
import { humanSize } from './clock.js';
import { baseImage, builtImages, sessionHost, shortId } from './image-store.js';
import { registryDigest, taggedImage } from './image-resolve.js';

/** What docker 28 prints first on stderr when it falls back to the legacy builder. */
export const LEGACY_BUILDER_NOTICE =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            Install the buildx component to build images with BuildKit:\n' +
  '            https://docs.docker.com/go/buildx/\n\n';

/** `docker build` (and `docker image build`) */
export const imageBuild: DockerCommand = {
  path: ['build'],
  use: 'build [OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  flags: [
    stringFlag('tag', 't'),
    stringFlag('file', 'f'),
    boolFlag('quiet', 'q'),
    boolFlag('no-cache'),
    boolFlag('pull'),
    boolFlag('rm'),
    boolFlag('force-rm'),
    unsupportedFlag('build-arg'),
    unsupportedFlag('target'),
    unsupportedFlag('platform'),
  ],
  // The argument count is checked after the notice, as docker prints it first.
  args: { atLeast: 0 },
  run(ctx, parsed, session) {
    const counted = checkArgCount({ ...imageBuild, args: { exactly: 1 } }, parsed.args);
    if (counted) return { ...counted, stderr: `${LEGACY_BUILDER_NOTICE}${counted.stderr}` };
    const tags = allValues<string>(parsed, 'tag');
    const bad = tags.find((tag) => !isValidImageReference(tag));
    if (bad !== undefined) {
      const message = `invalid argument "${bad}" for "-t, --tag" flag: invalid reference format`;
      return failed('', message, 125);
    }
    const context = parsed.args[0]!;
    const dockerfile = readDockerfile(context, lastValue<string>(parsed, 'file'), session);
    if ('output' in dockerfile) return dockerfile.output;
    const { steps, sent } = dockerfile;
    const noCache = lastValue<boolean>(parsed, 'no-cache') ?? false;
    const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
    const built = build(ctx, session, { context, steps, tags: tags.map(taggedImage), noCache });
    if ('error' in built) {
      return failed(quiet ? '' : sent + built.stdout, built.error, built.exitCode);
    }
    const stdout = quiet ? `${built.id}\n` : sent + built.stdout;
    return { stdout, stderr: LEGACY_BUILDER_NOTICE, exitCode: 0 };
  },
};

/** `docker image build` */
export const imageBuildInGroup: DockerCommand = { ...imageBuild, path: ['image', 'build'] };

/** A failed build: what it printed, then the notice and the error on stderr. */
function failed(stdout: string, error: string, exitCode = 1): CommandOutput {
  return { stdout, stderr: `${LEGACY_BUILDER_NOTICE}${error}\n`, exitCode };
}

/**
 * The Dockerfile's instructions and the `Sending build context` line, or the failed output:
 * no such file or directory, a parse error, no FROM.
 */
function readDockerfile(
  context: string,
  named: string | undefined,
  session: DockerSession,
): { steps: Instruction[]; sent: string } | { output: CommandOutput } {
  if (context === '-' || /^[a-z]+:\/\//.test(context) || !session.readFile) {
    const message = 'swarmsim: docker build: only a local directory can be built here';
    return { output: failed('', message) };
  }
  const file = named ?? joinPath(context, 'Dockerfile');
  const text = session.readFile(file);
  // Files are read one by one: a context other than `.` whose Dockerfile is missing is taken
  // as a directory that does not exist (a mistyped path is the likelier mistake).
  if (text === undefined && context !== '.' && named === undefined) {
    return { output: failed('', `unable to prepare context: path "${context}" not found`) };
  }
  if (text === undefined) {
    const where = file.startsWith('/') ? file : joinPath(VIRTUAL_CWD, file);
    const message = 'unable to prepare context: unable to evaluate symlinks in Dockerfile path: ' +
      `lstat ${where}: no such file or directory`;
    return { output: failed('', message) };
  }
  const parsed = parseDockerfile(text);
  const steps = 'error' in parsed ? [] : parsed.instructions;
  const size = buildContextSize({ path: file, text }, steps, context, session.readFile);
  const sent = `Sending build context to Docker daemon  ${humanSize(size)}\n`;
  const daemon = (error: string) => ({
    output: failed(sent, `Error response from daemon: ${error}`),
  });
  if ('error' in parsed) return daemon(parsed.error);
  if (steps.find((each) => each.keyword !== 'ARG')?.keyword !== 'FROM') {
    return daemon('no build stage in current context');
  }
  return { steps, sent };
}

interface BuildRequest {
  context: string;
  steps: readonly Instruction[];
  tags: readonly string[];
  noCache: boolean;
}

type BuildOutcome =
  | { id: string; stdout: string }
  | { error: string; stdout: string; exitCode: number };

/** Runs the steps, then records the image in the engine's store (after the build's time). */
function build(start: SimContext, session: DockerSession, request: BuildRequest): BuildOutcome {
  const host = sessionHost(start, session);
  const cached = request.noCache ? [] : builtImages(start, host);
  const lines: string[] = [];
  let progress: BuildProgress | null = null;
  for (const [index, step] of request.steps.entries()) {
    lines.push(`Step ${index + 1}/${request.steps.length} : ${step.original}`);
    if (step.keyword === 'FROM') {
      const from = fromStep(start, session, host, step);
      if ('error' in from) return { error: from.error, stdout: out(lines), exitCode: 1 };
      lines.push(...from.lines);
      // A later stage's FROM starts over; the time spent so far still counts.
      const before: number = progress?.elapsedMs ?? 0;
      progress = { ...from.progress, elapsedMs: before + from.elapsedMs };
      continue;
    }
    if (!progress) continue; // ARG before FROM: nothing to commit
    const files = copiedFiles(step, request.context, session.readFile!);
    const result = runStep(progress, step, files, cached);
    lines.push(...result.lines);
    if (result.failed) {
      const { message, exitCode } = result.failed;
      return { error: message, stdout: out(lines), exitCode };
    }
  }
  const done = progress!;
  const ctx = session.follow?.advanceTo(start.now + done.elapsedMs) ?? start;
  lines.push(`Successfully built ${shortId(done.id)}`);
  for (const tag of request.tags) lines.push(`Successfully tagged ${tag}`);
  const platform = ctx.state.nodes[session.nodeId]?.description.platform;
  const image: LocalImage = {
    id: done.id,
    tags: [...new Set(request.tags.map(tagKey))].sort(),
    config: done.config,
    layers: done.layers,
    steps: done.steps,
    sizeBytes: done.sizeBytes,
    createdAt: ctx.now,
    platform: platform ? `${platform.os}/${platform.architecture}` : 'linux/amd64',
  };
  ctx.emit({ type: 'image/built', host, image });
  return { id: done.id, stdout: out(lines) };
}

/** FROM: the base image, pulled first when the engine lacks it (the node then has it). */
function fromStep(
  ctx: SimContext,
  session: DockerSession,
  host: string,
  step: Instruction,
): { lines: string[]; progress: BuildProgress; elapsedMs: number } | { error: string } {
  const image = step.args.split(/\s+/)[0]!;
  const base = baseImage(ctx, host, image, session.images ?? []);
  if ('error' in base) return base;
  const progress: BuildProgress = {
    id: base.id,
    config: structuredClone(base.config),
    layers: [...base.layers],
    steps: [],
    sizeBytes: base.sizeBytes,
    cmdSet: false,
    elapsedMs: 0,
  };
  const lines = [` ---> ${shortId(base.id)}`];
  if (!base.pull) return { lines, progress, elapsedMs: 0 };
  const node = ctx.state.nodes[session.nodeId];
  const key = imageCacheKey(base.pull);
  if (node && !node.images.includes(key)) {
    ctx.emit({ type: 'node/imagePulled', nodeId: session.nodeId, image: key });
  }
  const elapsedMs = pullDurationMs(image, DEFAULT_AGENT_TIMINGS);
  return { lines: [...pullLines(base.pull), ...lines], progress, elapsedMs };
}

function out(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** What the legacy builder prints while it pulls FROM's image (layers left out). */
function pullLines(ref: string): string[] {
  const { name, tag } = parseImageRef(ref);
  const path = name.includes('/') ? name : `library/${name}`;
  return [
    `${tag}: Pulling from ${path}`,
    `Digest: ${registryDigest(ref)}`,
    `Status: Downloaded newer image for ${ref}`,
  ];
}
