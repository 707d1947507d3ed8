/**
 * The fold for node events (`node/*`): membership, availability, status, labels, resources,
 * role, pulled images and load-balancer attachments (whose addresses reduce-networks.ts books).
 */
import type { LoggedEvent } from './events.js';
import { releaseAddresses, setNodeAttachments } from './reduce-networks.js';
import type { ClusterState } from './state.js';
import type { Node } from './types.js';
import { ModelViolation } from './violation.js';

type NodeEvent = Extract<LoggedEvent, { type: `node/${string}` }>;

/** Applies a node event to `state` in place (after the clock and version moved). */
export function applyNodeEvent(state: ClusterState, event: NodeEvent): void {
  switch (event.type) {
    case 'node/joined':
      if (state.nodes[event.node.id]) throw new ModelViolation('node joined twice', event);
      state.nodes[event.node.id] = { ...structuredClone(event.node), version: state.version };
      state.nodeIds.push(event.node.id);
      state.tasksByNode[event.node.id] = [];
      if (event.node.managerStatus?.leader) state.world.raft.leaderId = event.node.id;
      return;
    case 'node/availabilityChanged':
      touchNode(state, event).availability = event.availability;
      return;
    case 'node/statusChanged': {
      const node = touchNode(state, event);
      node.status.state = event.state;
      node.status.message = event.message;
      if (event.state === 'down') state.world.lastDownAt[event.nodeId] = event.t;
      return;
    }
    case 'node/labelsChanged':
      touchNode(state, event).labels = { ...event.labels };
      return;
    case 'node/descriptionChanged': {
      const description = touchNode(state, event).description;
      description.resources = structuredClone(event.resources);
      if (event.engineLabels) description.engineLabels = { ...event.engineLabels };
      return;
    }
    case 'node/roleChanged': {
      const node = touchNode(state, event);
      node.desiredRole = event.desiredRole;
      node.role = event.role;
      if (event.managerStatus !== undefined) {
        node.managerStatus = structuredClone(event.managerStatus);
      }
      return;
    }
    case 'node/removed':
      releaseAddresses(state, touchNode(state, event).attachments ?? []);
      delete state.nodes[event.nodeId];
      state.nodeIds = state.nodeIds.filter((id) => id !== event.nodeId);
      return;
    case 'node/imagePulled': {
      const node = touchNode(state, event);
      if (!node.images.includes(event.image)) node.images = [...node.images, event.image].sort();
      return;
    }
    case 'node/attachmentsChanged':
      touchNode(state, event);
      setNodeAttachments(state, event.nodeId, event.attachments, event);
      return;
  }
}

/** The node `event` writes, stamped with the store version and the event's time. */
function touchNode(state: ClusterState, event: LoggedEvent & { nodeId: string }): Node {
  const node = state.nodes[event.nodeId];
  if (!node) throw new ModelViolation(`unknown node ${event.nodeId}`, event);
  node.version = state.version;
  node.updatedAt = event.t;
  return node;
}
