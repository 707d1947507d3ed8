/**
 * Reading the real multi-node recordings (test/fixtures/real-docker-multinode, Engine 20.10) and
 * comparing a recorded timing with swarmsim's over several seeds, both ways:
 * - the recorded value (an interval: the polls only bracket when a change happened) must meet
 *   swarmsim's range over SEEDS widened by a tolerance, so swarmsim is not faster or slower than
 *   the real swarm;
 * - every simulated value must fall in the window swarmkit's constants allow for that timing
 *   (documented with each window), which the recording also satisfies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Fault } from '../../src/model/world.js';
import type { Cluster } from './cluster.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker-multinode');

/** The seeds every replay runs with. */
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Slack on a simulated range, s: the recorder's polls are 0.5 s apart and a `docker` call takes
 * up to 0.15 s, and ten seeds do not reach the very ends of a drawn window.
 */
export const TOLERANCE_S = 1;

/** A closed interval of seconds. */
export interface Span {
  from: number;
  to: number;
}

interface Block {
  t: number;
  lines: string[];
}

/** The polled views of a case: when each changed (the poll's start), and what it showed. */
export function polls(name: string): Block[] {
  const blocks: Block[] = [];
  for (const line of readFileSync(join(DIR, name, 'poll.txt'), 'utf8').split('\n')) {
    const header = /^## t=\+([\d.]+)$/.exec(line);
    if (header) blocks.push({ t: Number(header[1]), lines: [] });
    else blocks.at(-1)?.lines.push(line);
  }
  return blocks;
}

/** The output of `docker` calls and notes of a case. */
export function output(name: string): string {
  return readFileSync(join(DIR, name, 'output.txt'), 'utf8');
}

/** When the note containing `text` was written, s. */
export function noteAt(name: string, text: string): number {
  const match = new RegExp(`^# t=\\+([\\d.]+)s ${text}`, 'm').exec(output(name));
  if (!match) throw new Error(`no note "${text}" in ${name}`);
  return Number(match[1]);
}

/** When the first view matching `pattern` was seen after `after`, s. */
export function firstSeen(blocks: Block[], pattern: RegExp, after = 0): number {
  const block = blocks.find((b) => b.t > after && b.lines.some((line) => pattern.test(line)));
  if (!block) throw new Error(`never saw ${pattern}`);
  return block.t;
}

/**
 * When a change first seen in the poll starting at `seenAt` happened, relative to `since`: after
 * the previous poll started (`cycle` s earlier at most, when unchanged views were not written)
 * and before the one that saw it ended (`took` s).
 */
export function bracket(seenAt: number, since: number, cycle: number, took = 0.2): Span {
  return { from: seenAt - cycle - since, to: seenAt + took - since };
}

/** The smallest interval holding every value. */
export function spanOf(values: number[]): Span {
  return { from: Math.min(...values), to: Math.max(...values) };
}

/**
 * The two-way comparison: the recorded span meets the simulated range widened by `toleranceS`
 * (TOLERANCE_S unless the model is expected to meet the recording as it is), and every simulated
 * value lies in the window swarmkit allows.
 */
export function expectBothWays(
  recorded: Span,
  simulated: number[],
  window: Span,
  toleranceS = TOLERANCE_S,
): void {
  const sim = spanOf(simulated);
  const what = `recorded ${fmt(recorded)} s, simulated ${fmt(sim)} s, window ${fmt(window)} s`;
  expect(recorded.to, what).toBeGreaterThanOrEqual(sim.from - toleranceS);
  expect(recorded.from, what).toBeLessThanOrEqual(sim.to + toleranceS);
  for (const value of simulated) {
    expect(value, what).toBeGreaterThanOrEqual(window.from);
    expect(value, what).toBeLessThanOrEqual(window.to);
  }
}

function fmt(span: Span): string {
  return `${span.from.toFixed(2)}..${span.to.toFixed(2)}`;
}

/** The recorded leader-partition's fault: the leader cut off from every other node, both ways. */
export function isolateLeader(c: Cluster, leader: string): Fault {
  return {
    kind: 'partition',
    from: [leader],
    to: c.sim.state.nodeIds.filter((id) => id !== leader),
    oneWay: false,
  };
}
