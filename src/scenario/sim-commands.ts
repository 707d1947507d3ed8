/**
 * Commands a step can run that are not docker commands but act on the simulated world itself
 * (`sim ...`): the hook for fault injection and other simulator-only actions. Each entry checks
 * its arguments at load time, so a typo fails before the run starts.
 */
import type { CommandOutput } from '../dockercli/run.js';
import type { SimContext } from '../engine/simulation.js';
import { FAULT_COMMANDS } from '../faults/sim-commands.js';

/** A simulator-only command a step can run: `sim NAME ARGS...`. */
export interface SimCommand {
  /** Shown in errors, e.g. `sim kill HOSTNAME`. */
  usage: string;
  /** Returns what is wrong with the arguments (after `sim NAME`), or null when they are fine. */
  check(args: readonly string[]): string | null;
  /** Acts on the simulation at `ctx.now` and reports like a command would. */
  run(ctx: SimContext, args: readonly string[]): CommandOutput;
}

/** The known sim commands by name: fault injection (src/faults/sim-commands.ts). */
export const SIM_COMMANDS: Readonly<Record<string, SimCommand>> = { ...FAULT_COMMANDS };
