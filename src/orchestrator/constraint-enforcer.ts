// Placeholder so the tree compiles while this component is being written.
import type { Component } from '../engine/simulation.js';

export function createConstraintEnforcer(): Component {
  return { name: 'createConstraintEnforcer' };
}
