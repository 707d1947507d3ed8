/**
 * What happens to `--mount` values after the client parsed them (mounts.ts): dockerd's conversion
 * to swarmkit's form, and docker's updateMounts for `service update`.
 */
import { ApiError } from '../api/errors.js';
import { quoteGo } from '../api/go-format.js';
import type { Mount } from '../model/types.js';
import { compareBytes } from './mounts.js';

/** The mount types swarmkit's API knows; any other is refused by dockerd. */
const SWARM_MOUNT_TYPES = ['bind', 'volume', 'tmpfs', 'npipe', 'cluster'];
const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

/**
 * dockerd's conversion of the mounts (it comes first in its conversion of a spec): a type or a
 * propagation swarmkit has no name for is refused with dockerd's own text.
 */
export function mountConversionError(mounts: readonly Mount[] | undefined): ApiError | null {
  for (const mount of mounts ?? []) {
    if (!SWARM_MOUNT_TYPES.includes(mount.type)) {
      const text = `invalid MountType: ${quoteGo(mount.type)}`;
      return new ApiError('InvalidArgument', text, 'engine');
    }
    const propagation = mount.bindOptions?.propagation;
    if (propagation !== undefined && !PROPAGATIONS.includes(propagation)) {
      const text = `invalid MountPropagation: ${quoteGo(propagation)}`;
      return new ApiError('InvalidArgument', text, 'engine');
    }
  }
  return null;
}

/**
 * docker's updateMounts, run on every update: the added mounts (a target twice is an error),
 * then the current ones whose target was not added (the first of a target wins), minus the
 * targets of `--mount-rm`, sorted by source then target (byte order; targets are unique, so
 * the order is total). An empty result means no mounts.
 */
export function updateMounts(
  current: readonly Mount[] | undefined,
  added: readonly Mount[],
  removed: readonly string[],
): { mounts: Mount[] } | { clientError: string } {
  const byTarget = new Map<string, Mount>();
  for (const mount of added) {
    if (byTarget.has(mount.target)) return { clientError: 'duplicate mount target' };
    byTarget.set(mount.target, mount);
  }
  for (const mount of current ?? []) {
    if (!byTarget.has(mount.target)) byTarget.set(mount.target, mount);
  }
  const kept = [...byTarget.values()].filter((mount) => !removed.includes(mount.target));
  return {
    mounts: kept.sort(
      (a, b) => compareBytes(a.source, b.source) || compareBytes(a.target, b.target),
    ),
  };
}
