// Placeholder so the tree compiles while the agent is being written.
import type { Component } from '../engine/simulation.js';

/** How long the agent's steps take; per-image overrides. */
export interface AgentOptions {
  /** Per-image pull durations in ms, keyed by image name without tag. */
  pullMsByImage?: Record<string, number>;
}

export function createAgent(_options: AgentOptions = {}): Component {
  return { name: 'agent' };
}
