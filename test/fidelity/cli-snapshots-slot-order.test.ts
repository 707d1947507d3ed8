/**
 * The seeds of SLOT_ORDER_SEEDS (replay.ts) reproduce the slot orders the real swarm drew
 * (cli-snapshots-slot-order.ts): the recorded orders are read right from the recording, and the
 * replay, spied on where the updater draws its order, draws orders that fit them.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  drawnOrders,
  fitsPattern,
  RECORDED_DRAWS,
  type RecordedDraw,
} from './cli-snapshots-slot-order.js';
import { loadRecording, type Recording } from './recording.js';
import { SLOT_ORDER_SEEDS, replayCase } from './replay.js';

/** Every order the updater drew in a replay, with the service it was for. */
const drawn = vi.hoisted(() => [] as { service: string; slots: number[] }[]);

vi.mock('../../src/orchestrator/update-slot.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/orchestrator/update-slot.js')>();
  return {
    ...original,
    dirtySlotsInOrder: (...args: Parameters<typeof original.dirtySlotsInOrder>) => {
      const works = original.dirtySlotsInOrder(...args);
      // Only a shuffle of two slots or more draws from the stream.
      if (works.length > 1) {
        drawn.push({ service: args[1].spec.name, slots: works.map((work) => work.slot) });
      }
      return works;
    },
  };
});

/** The recorded slots of `draw.created`, checked to be the service's and in creation order. */
function createdSlots(recording: Recording, draw: RecordedDraw): number[] {
  const tasks = draw.created.map((prefix) => {
    const row = recording.timeline.find((sighting) => sighting.id.startsWith(prefix));
    if (!row) throw new Error(`${recording.name}: no recorded task ${prefix}`);
    expect(row.service, prefix).toBe(draw.service);
    return { slot: row.slot!, createdT: recording.createdT.get(row.id)! };
  });
  const times = tasks.map((task) => task.createdT);
  expect(times, `${draw.what}: created in order`).toEqual([...times].sort((a, b) => a - b));
  return tasks.map((task) => task.slot);
}

const search = (name: string) =>
  `the slot-order draw changed: search a new seed with ` +
  `\`npx tsx test/fidelity/cli-snapshots-seed-search.ts ${name}\` and put it in SLOT_ORDER_SEEDS`;

describe('fidelity: the seeded slot orders are the recorded ones', () => {
  for (const [name, draws] of Object.entries(RECORDED_DRAWS)) {
    it(`${name}: each pattern reads the updater's replacements of the recording`, () => {
      const recording = loadRecording(name);
      for (const draw of draws) {
        const slots = createdSlots(recording, draw).join('');
        // Known places come first: the recording tells nothing after a skipped slot.
        const known = draw.pattern.replace(/\.+$/, '');
        expect(known, `${draw.what}: no gap inside the pattern`).not.toContain('.');
        expect(slots.startsWith(known), `${draw.service} ${draw.what}: ${slots}`).toBe(true);
        expect(new Set(draw.pattern.replace(/\./g, '')).size).toBe(known.length);
      }
    });

    it(`${name}: seed ${SLOT_ORDER_SEEDS[name]} draws the recorded order of every update`, () => {
      const recording = loadRecording(name);
      const seed = SLOT_ORDER_SEEDS[name];
      expect(seed, `${name} has no seed in SLOT_ORDER_SEEDS`).toBeDefined();
      drawn.length = 0;
      const replay = replayCase(recording);
      replay.runTo(recording.commands.at(-1)!.t_end);
      const got = drawn.map((draw) => `${draw.service} ${draw.slots.join('')}`);
      const expected = draws.map((draw) => `${draw.service} ${draw.pattern}`);
      expect(got.length, `${search(name)}: ${got.join(', ')}`).toBe(expected.length);
      draws.forEach((draw, index) => {
        const order = drawn[index]!;
        const fits = order.service === draw.service && fitsPattern(order.slots, draw.pattern);
        expect(fits, `${search(name)}: ${got.join(', ')} for ${expected.join(', ')}`).toBe(true);
      });
      // The search tool models the replay's draws: one stream, one shuffle per update.
      const sizes = draws.map((draw) => draw.pattern.length);
      expect(drawn.map((draw) => draw.slots), search(name)).toEqual(drawnOrders(seed!, sizes));
    });
  }
});
