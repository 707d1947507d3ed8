/**
 * The steps of a legacy-builder build after FROM: each instruction commits an image whose ID
 * is derived from its parent's ID and the instruction (and, for COPY/ADD, the files' text), so
 * the same Dockerfile on the same base gives the same IDs, and a step some earlier build on
 * this engine already made is reused (` ---> Using cache`) as the builder's cache does. RUN
 * runs its command through the agent's command model, on paper, for its output and exit code.
 */
import { startProcess } from '../agent/command-model.js';
import type { ContainerSpec, ImageConfig, LocalImage } from '../model/types.js';
import { applyInstruction, commandForm, type Instruction } from './dockerfile.js';
import { hexId } from './engine-ids.js';
import { layerDigest, shortId } from './image-store.js';

/** Virtual time a step that runs a container takes (~4.5 s for 9 steps, recorded), ms. */
export const CONTAINER_STEP_MS = 500;
/** Virtual time a COPY/ADD step takes, ms. */
export const COPY_STEP_MS = 100;

/** Most actions of a RUN command followed before it is taken as finished. */
const RUN_ACTIONS_MAX = 1000;

/** Where a build stands after some steps. */
export interface BuildProgress {
  id: string;
  config: ImageConfig;
  layers: string[];
  steps: string[];
  sizeBytes: number;
  /** Whether this Dockerfile has set CMD (an ENTRYPOINT then keeps it). */
  cmdSet: boolean;
  elapsedMs: number;
}

/** What one step printed, and the exit code of a RUN that failed (the build stops there). */
export interface StepResult {
  lines: string[];
  failed: { message: string; exitCode: number } | null;
}

/**
 * Runs one non-FROM step on `progress` (updated in place). `files`: the text of the files a
 * COPY/ADD names, as far as they can be read; `cached`: the images the engine built before.
 */
export function runStep(
  progress: BuildProgress,
  instruction: Instruction,
  files: readonly string[],
  cached: readonly LocalImage[],
): StepResult {
  const copies = instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
  const id = `sha256:${hexId(`${progress.id}\n${instruction.original}\n${files.join('\0')}`)}`;
  const config = applyInstruction(progress.config, instruction, progress.cmdSet);
  const lines: string[] = [];
  const hit = cached.some((image) => image.steps.includes(id));
  if (hit) {
    lines.push(' ---> Using cache');
  } else if (!copies) {
    const container = shortId(hexId(`container/${id}`));
    lines.push(` ---> Running in ${container}`);
    if (instruction.keyword === 'RUN') {
      const run = runCommand(commandForm(instruction.args), progress.config);
      lines.push(...run.lines);
      if (run.exitCode !== 0) {
        const shown = commandForm(instruction.args).join(' ');
        const message = `The command '${shown}' returned a non-zero code: ${run.exitCode}`;
        return { lines, failed: { message, exitCode: run.exitCode } };
      }
    }
    lines.push(`Removing intermediate container ${container}`);
  }
  lines.push(` ---> ${shortId(id)}`);
  progress.elapsedMs += hit ? 0 : copies ? COPY_STEP_MS : CONTAINER_STEP_MS;
  const bytes = files.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (copies || instruction.keyword === 'RUN') progress.layers.push(layerDigest(id));
  progress.sizeBytes += bytes;
  progress.id = id;
  progress.config = config;
  progress.steps.push(id);
  progress.cmdSet ||= instruction.keyword === 'CMD';
  return { lines, failed: null };
}

/** What a RUN command prints (both streams, as the build stream shows them) and its code. */
function runCommand(argv: string[], config: ImageConfig): { lines: string[]; exitCode: number } {
  const container: ContainerSpec = {
    image: '',
    command: argv,
    args: [],
    env: config.env,
    labels: {},
    stopGracePeriodMs: 10_000,
    hostname: '',
    dir: config.workingDir,
    user: config.user,
  };
  const process = startProcess(container);
  const lines: string[] = [];
  for (let i = 0; i < RUN_ACTIONS_MAX; i += 1) {
    const step = process.next();
    if (step.done) return { lines, exitCode: step.value };
    if (step.value.kind === 'print') lines.push(step.value.line);
    // A program that would run for ever (an unknown one, `npm install`) is taken as done.
    else if (step.value.ms === Infinity) break;
  }
  return { lines, exitCode: 0 };
}
