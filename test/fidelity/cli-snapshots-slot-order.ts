/**
 * The slot orders the real swarm drew, and the seeds that make swarmsim draw them (docs/
 * fidelity.md, known difference 9). swarmkit hands an update's dirty slots to its workers in Go
 * map order; swarmsim shuffles them with its seeded `updater` stream (`shuffleSlots`, one
 * shuffle per update or rollback with two dirty slots or more). A recording is one draw among
 * the possible ones, so a case with several updates, or whose recorded container timings are
 * replayed (they go by slot, cli-snapshots-support.ts), seeds the updater's stream apart with a
 * seed whose draws give the recorded order of each (SLOT_ORDER_SEEDS in replay.ts).
 *
 * The recorded order is the order the updater created its replacements (`created`, task IDs of
 * the recording, checked against it by cli-snapshots-slot-order.test.ts). The restart supervisor
 * also creates tasks in a slot; the updater's are told apart by time: they come when a worker is
 * free (the update began, or the previous replacement ran), the supervisor's right after a failure
 * in their slot, and wait out the 5 s restart delay. A slot the updater reached after its task had
 * failed is skipped (removeOldTasks finds nothing left to stop), so it shows no replacement and
 * its place in the draw is unknown: the order is a pattern, `.` for a place the recording does not
 * tell. The seed is the smallest whose draws fit every pattern of its case; it is chosen from the
 * recording alone, never by which seed makes a snapshot match.
 */
import { RandomStreams } from '../../src/engine/rng.js';
import { shuffleSlots, UPDATER_STREAM } from '../../src/orchestrator/update-slot.js';

/** One update or rollback of a recording: the order its slots were drawn in, as far as known. */
export interface RecordedDraw {
  service: string;
  /** What started it, e.g. `update`, `rollback 1`, `automatic rollback`. */
  what: string;
  /** The slots in drawn order, one digit each, `.` where the recording does not tell. */
  pattern: string;
  /** The updater's replacements in creation order (task ID prefixes of the recording). */
  created: string[];
  /** Why the pattern reads so, with the recorded times (s since T0). */
  why: string;
}

/** Every update and rollback of the slot-order cases, in the order they ran. */
export const RECORDED_DRAWS: Readonly<Record<string, readonly RecordedDraw[]>> = {
  'manual-rollback-twice': [
    { service: 'web', what: 'update', pattern: '12', created: ['sdbifq', 'mtidfe'],
      why: 'slot 1 at 3.07, slot 2 at 6.46 once slot 1 ran' },
    { service: 'web', what: 'rollback 1', pattern: '21', created: ['n9lrkk', 'p4laa6'],
      why: 'slot 2 at 17.59, slot 1 at 20.76' },
    { service: 'web', what: 'rollback 2', pattern: '12', created: ['zgwk7g', 'tmqwm8'],
      why: 'slot 1 at 31.58, slot 2 at 34.66' },
  ],
  'update-continue': [
    { service: 'web', what: 'update', pattern: '312', created: ['z64nh9', '74igd7', 'jo5m1a'],
      why: 'parallelism 1, failures ignored: slot 3 at 3.32, slot 1 at 6.84 once slot 3 ran ' +
        '(6.74), slot 2 at 10.01 once slot 1 ran (10.007)' },
  ],
  'update-pause-on-failure': [
    { service: 'web', what: 'update', pattern: '12.', created: ['gaslgo', 'yc5ptu'],
      why: 'parallelism 1, pause on failure: slot 1 at 3.49, slot 2 at 6.60 once slot 1 ran ' +
        '(6.59); slot 1\'s task failed at 7.74, so the update paused before a third slot' },
  ],
  'update-auto-rollback': [
    { service: 'web1', what: 'update', pattern: '132', created: ['phpi19', 'lrvtks', 'nazu5v'],
      why: 'parallelism 1: slot 1 at 3.67, slot 3 at 7.02, slot 2 at 10.20' },
    { service: 'web1', what: 'automatic rollback', pattern: '3..', created: ['72dn4x', 'mn3jst'],
      why: 'slot 3 at 13.48 (slot 2\'s task was running then, so slot 3 was drawn first); ' +
        'slot 1 at 14.74; slot 2 skipped in either place, its task failed at 14.59 (the ' +
        'supervisor\'s 2l5jhv at 14.64 waits out its delay)' },
    { service: 'web2', what: 'update', pattern: '312', created: ['wwn097', '7s76bg', 'qxjxap'],
      why: 'parallelism 2: slot 3 at 32.852 and slot 1 at 32.854 (the first two slots, one a ' +
        'worker, created in queue order), slot 2 at 36.75 once one ran' },
    { service: 'web2', what: 'automatic rollback', pattern: '1..', created: ['4t9ssy', 'xed70f'],
      why: 'slot 1 at 40.32 (slot 2\'s task ran then); slot 3 at 41.77; slot 2 skipped in ' +
        'either place, its task failed at 41.53 (the supervisor\'s n3g037 at 41.56)' },
  ],
};

/** Whether `order` (slot numbers) fits `pattern` (digits, `.` for any). */
export function fitsPattern(order: readonly number[], pattern: string): boolean {
  if (order.length !== pattern.length) return false;
  return order.every((slot, index) => pattern[index] === '.' || pattern[index] === `${slot}`);
}

/**
 * The orders `seed` draws for shuffles of `sizes` slots in turn (slots 1..size each), as the
 * updater does when nothing else draws from its stream in between.
 */
export function drawnOrders(seed: number, sizes: readonly number[]): number[][] {
  const rng = new RandomStreams(seed).stream(UPDATER_STREAM);
  return sizes.map((size) => shuffleSlots(rng, Array.from({ length: size }, (_, i) => i + 1)));
}

/** The seeds in [from, to] whose draws fit every recorded pattern of case `name`. */
export function fittingSeeds(name: string, from: number, to: number): number[] {
  const draws = RECORDED_DRAWS[name];
  if (!draws) throw new Error(`no recorded slot order for case ${name}`);
  const sizes = draws.map((draw) => draw.pattern.length);
  const seeds: number[] = [];
  for (let seed = from; seed <= to; seed += 1) {
    const orders = drawnOrders(seed, sizes);
    if (draws.every((draw, index) => fitsPattern(orders[index]!, draw.pattern))) seeds.push(seed);
  }
  return seeds;
}
