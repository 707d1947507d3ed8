/**
 * The `service ps` half of cli-snapshots.test.ts: reads `--format '{{json .}}'` rows, lists every
 * field where swarmsim's rows differ from the recorded ones (IDs masked, ages within a
 * tolerance), and pairs slots whose numbers Go map order chose.
 */
import { compareNatural } from '../../src/model/natural-sort.js';
import { RECORDED_IMAGE } from './replay.js';

/** Swarm object IDs (task, node, service) are 25 lowercase base-36 characters. */
const OBJECT_ID = /\b[a-z0-9]{25}\b/g;

/** How far a relative time may be off, s (truncated ages, CLI latency, start jitter). */
export const TIME_TOLERANCE_S = 2;

/** One `{{json .}}` row of `service ps`. */
export interface PsRow {
  ID: string;
  Name: string;
  Image: string;
  Node: string;
  DesiredState: string;
  CurrentState: string;
  Error: string;
  Ports: string;
}

/** The rows of a `service ps --format '{{json .}}'` output. */
export function psRows(jsonl: string): PsRow[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PsRow);
}

/** `text` with every swarm object ID replaced by `<id>`. */
export function maskIds(text: string): string {
  return text.replace(OBJECT_ID, '<id>');
}

/** The seconds an age of go-units' HumanDuration stands for (`less than a second` is 0). */
export function ageSeconds(age: string): number {
  if (age === 'less than a second') return 0;
  const seconds = /^(\d+) seconds?$/.exec(age);
  if (seconds) return Number(seconds[1]);
  if (age === 'about a minute') return 60;
  const minutes = /^(\d+) minutes$/.exec(age);
  if (minutes) return Number(minutes[1]) * 60;
  throw new Error(`unexpected age "${age}"`);
}

/** CURRENT STATE split into its state word(s) and its age, s. */
function currentState(text: string): { state: string; ageS: number } {
  const match = /^(.*?) (less than a second|\d+ seconds?|about a minute|\d+ minutes) ago$/.exec(
    text,
  );
  if (!match) throw new Error(`unexpected CURRENT STATE "${text}"`);
  return { state: match[1]!, ageS: ageSeconds(match[2]!) };
}

/** The recorded image as the replay runs it: replay.ts swaps the image ID for `busybox`. */
function replayedImage(image: string): string {
  return image === RECORDED_IMAGE ? 'busybox:latest' : image;
}

/**
 * Every difference between the simulated rows and the recorded ones, as readable lines:
 * row count, then per row each field that differs (IDs masked, ages within the tolerance).
 */
export function psDifferences(sim: PsRow[], real: PsRow[]): string[] {
  const found: string[] = [];
  if (sim.length !== real.length) {
    found.push(`rows: simulated ${sim.length}, recorded ${real.length}`);
  }
  const shown = (row: PsRow | undefined) => (row ? maskIds(row.Name) : '(none)');
  for (let i = 0; i < Math.max(sim.length, real.length); i += 1) {
    const s = sim[i];
    const r = real[i];
    if (!s || !r) {
      found.push(`row ${i + 1}: simulated ${shown(s)}, recorded ${shown(r)}`);
      continue;
    }
    found.push(...rowDifferences(i + 1, s, r));
  }
  return found;
}

function rowDifferences(index: number, sim: PsRow, real: PsRow): string[] {
  const found: string[] = [];
  const where = `row ${index} (${maskIds(real.Name)})`;
  const same = (field: string, simulated: string, recorded: string) => {
    if (simulated !== recorded) {
      found.push(`${where} ${field}: simulated "${simulated}", recorded "${recorded}"`);
    }
  };
  // Only the ID's shape: a full (--no-trunc) 25-character ID on both sides.
  same('ID', maskIds(sim.ID), maskIds(real.ID));
  same('Name', maskIds(sim.Name), maskIds(real.Name));
  same('Image', sim.Image, replayedImage(real.Image));
  same('Node', sim.Node, real.Node);
  same('DesiredState', sim.DesiredState, real.DesiredState);
  const simState = currentState(sim.CurrentState);
  const realState = currentState(real.CurrentState);
  same('CurrentState', simState.state, realState.state);
  if (Math.abs(simState.ageS - realState.ageS) > TIME_TOLERANCE_S) {
    found.push(
      `${where} CurrentState age: simulated "${sim.CurrentState}", ` +
        `recorded "${real.CurrentState}"`,
    );
  }
  same('Error', maskIds(sim.Error), maskIds(real.Error));
  same('Ports', sim.Ports, real.Ports);
  return found;
}

/** `service.slot` of a replicated task's row name, or null (a global task is named by node). */
function slotOf(name: string): { service: string; slot: number } | null {
  const match = /^(.+)\.(\d+)$/.exec(name);
  return match ? { service: match[1]!, slot: Number(match[2]) } : null;
}

/** Every ordering of `items` (few: a case has at most 5 slots per service). */
function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * The simulated rows with their slot numbers renamed by the renaming (per service, a permutation
 * of the slots either side shows) that leaves the fewest differences, identity first, then
 * re-sorted in docker's order. Which slot an update or a rollback replaces first, which slot a
 * tied scheduler leaves pending, comes from Go map order in swarmkit: effectively random, so a
 * slot number alone is no fact to compare. Within a slot docker's order (newest first) stays.
 */
export function matchSlots(sim: PsRow[], real: PsRow[]): PsRow[] {
  let best = sim;
  let fewest = psDifferences(sim, real).length;
  const services = [...new Set([...sim, ...real].map((row) => slotOf(row.Name)?.service))];
  for (const service of services) {
    if (service === undefined) continue;
    const slots = slotsOf([...sim, ...real], service);
    const base = best;
    for (const order of permutations(slots)) {
      const renaming = new Map(slots.map((slot, i) => [slot, order[i]!]));
      const renamed = renameSlots(base, service, renaming);
      const count = psDifferences(renamed, real).length;
      if (count < fewest) [best, fewest] = [renamed, count];
    }
  }
  return best;
}

/** The slot numbers of `service` among `rows`, ascending. */
function slotsOf(rows: PsRow[], service: string): number[] {
  const slots = new Set<number>();
  for (const row of rows) {
    const found = slotOf(row.Name);
    if (found?.service === service) slots.add(found.slot);
  }
  return [...slots].sort((a, b) => a - b);
}

function renameSlots(rows: PsRow[], service: string, to: Map<number, number>): PsRow[] {
  const renamed = rows.map((row) => {
    const found = slotOf(row.Name);
    if (found?.service !== service) return row;
    return { ...row, Name: `${service}.${to.get(found.slot) ?? found.slot}` };
  });
  // Array.prototype.sort is stable, so each slot keeps docker's newest-first order.
  return renamed.sort((a, b) => compareNatural(a.Name, b.Name));
}

