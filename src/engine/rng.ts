/**
 * The run's only source of randomness. One seed is split into named streams, one per subsystem,
 * each seeded from (seed, name): a component that draws one more number shifts only its own
 * stream, never another's (TigerBeetle's per-subsystem sub-seeds).
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
}

export class RandomStreams {
  private readonly streams: Record<string, Rng> = {};

  /**
   * `streamSeeds` gives some streams a seed of their own instead of `seed` (a test that needs one
   * subsystem's draws fixed, e.g. the updater's slot order, whatever the others draw).
   */
  constructor(
    readonly seed: number,
    private readonly streamSeeds: Readonly<Record<string, number>> = {},
  ) {}

  /** The stream called `name`, created on first use. */
  stream(name: string): Rng {
    const existing = this.streams[name];
    if (existing) return existing;
    const seed = Object.hasOwn(this.streamSeeds, name) ? this.streamSeeds[name]! : this.seed;
    const generator = seedrandom.alea(`swarmsim:${seed}:${name}`);
    const rng: Rng = {
      next: () => generator(),
      int: (min, maxExclusive) => min + Math.floor(generator() * (maxExclusive - min)),
    };
    this.streams[name] = rng;
    return rng;
  }
}
