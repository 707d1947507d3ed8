/**
 * Vocabulary shared by several object families: virtual time, resources and platforms.
 */

/** Virtual time in integer milliseconds since the start of the run. */
export type SimTime = number;

export interface Resources {
  /** CPU in NanoCPUs: 1 CPU = 1e9. */
  nanoCPUs: number;
  /** Memory in bytes. */
  memoryBytes: number;
  /**
   * Generic resources (SWARM.md 5.10); absent when none. On a node: what it advertises; in
   * reservations: discrete requests (kind -> count).
   */
  generic?: GenericResource[];
}

/**
 * One generic resource: a discrete count (`SSD=3`, value a number) or one named value of a kind
 * (`GPU=UUID1`, value a string; a node lists one entry per value).
 */
export interface GenericResource {
  kind: string;
  value: number | string;
}

export interface Platform {
  /** Operating system as the engine reports it, e.g. `linux`. */
  os: string;
  /** Architecture as the engine reports it, e.g. `x86_64`. */
  architecture: string;
}
