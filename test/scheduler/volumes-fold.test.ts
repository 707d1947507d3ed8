/**
 * The fold of cluster volume events (src/model/reduce-cluster-volumes.ts): a publish status
 * only moves forward on a node, as swarmkit's components move it, and a volume name is unique.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/model/events.js';
import { applyEvent, ModelViolation } from '../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../src/model/state.js';
import type { ClusterVolume } from '../../src/model/types.js';

function volume(id: string, name: string): ClusterVolume {
  return {
    id,
    version: 0,
    createdAt: 0,
    updatedAt: 0,
    spec: {
      name,
      labels: {},
      group: '',
      driver: { name: 'blockstore', options: {} },
      accessMode: { scope: 'single', sharing: 'none', type: 'mount' },
      secrets: [],
      accessibilityRequirements: { requisite: [], preferred: [] },
      capacityRange: { requiredBytes: 0, limitBytes: 0 },
      availability: 'active',
    },
    info: null,
    publishStatus: [],
    pendingDelete: false,
  };
}

function apply(state: ClusterState, event: LoggedEvent): void {
  applyEvent(state, event);
}

const publish = (state: 'pending-publish' | 'published' | null, t: number): LoggedEvent => ({
  type: 'clusterVolume/publishChanged',
  volumeId: 'v1',
  node: 'n1',
  state,
  message: '',
  t,
});

describe('the cluster volume fold', () => {
  it('moves a publish status forward and drops it at the end', () => {
    const state = emptyClusterState();
    apply(state, { type: 'clusterVolume/created', volume: volume('v1', 'data'), t: 0 });
    apply(state, publish('pending-publish', 1));
    apply(state, publish('published', 2));
    expect(state.clusterVolumes!['v1']!.publishStatus).toEqual([
      { nodeId: 'n1', state: 'published', message: '' },
    ]);
    expect(() => apply(state, publish('pending-publish', 3))).toThrow(ModelViolation);
    apply(state, publish(null, 4));
    expect(state.clusterVolumes!['v1']!.publishStatus).toEqual([]);
  });

  it('refuses a second volume of the same name and events of unknown volumes', () => {
    const state = emptyClusterState();
    apply(state, { type: 'clusterVolume/created', volume: volume('v1', 'data'), t: 0 });
    expect(() =>
      apply(state, { type: 'clusterVolume/created', volume: volume('v2', 'data'), t: 1 }),
    ).toThrow(ModelViolation);
    expect(() => apply(state, { type: 'clusterVolume/removed', volumeId: 'v9', t: 1 })).toThrow(
      ModelViolation,
    );
    apply(state, { type: 'clusterVolume/removed', volumeId: 'v1', t: 2 });
    expect(state.clusterVolumeIds).toEqual([]);
  });
});
