// Placeholder so the tree compiles while this component is being written.
import type { Component } from '../engine/simulation.js';

export function createScheduler(): Component {
  return { name: 'createScheduler' };
}
