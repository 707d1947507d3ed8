/**
 * ConstraintFilter: on when the task has placement constraints; every one must hold on the node
 * (SWARM.md 5.9). Constraints that do not parse switch the filter off, as in swarmkit: the
 * control API rejects them at create time, so the scheduler does not second-guess it.
 */
import { nodeMatchesConstraints, parseConstraints, type Constraint } from '../constraint.js';
import { countNodes, type Filter } from './filter.js';

/** A fresh ConstraintFilter. */
export function constraintFilter(): Filter {
  let constraints: Constraint[] = [];
  return {
    name: 'constraint',
    appliesTo(task) {
      const expressions = task.spec.placement.constraints;
      if (expressions.length === 0) return false;
      try {
        constraints = parseConstraints(expressions);
      } catch {
        return false;
      }
      return true;
    },
    check: (node) => nodeMatchesConstraints(node, constraints),
    explain: (count) => `scheduling constraints not satisfied on ${countNodes(count)}`,
  };
}
