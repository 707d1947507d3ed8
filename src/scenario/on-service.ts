/**
 * The shared first step of every sentence about a service: find it by name, or fail the check
 * with the words `service NAME does not exist`, as `docker service inspect` would refuse it.
 */
import type { ClusterState } from '../model/state.js';
import type { Service } from '../model/types.js';
import type { Check, CheckResult } from './expectations.js';
import { findService } from './queries.js';

/** A check of the service named `name`, which fails when no such service exists. */
export function onService(
  name: string,
  check: (state: ClusterState, service: Service) => CheckResult,
): Check {
  return (state) => {
    const service = findService(state, name);
    if (!service) return { passed: false, actual: `service ${name} does not exist` };
    return check(state, service);
  };
}
