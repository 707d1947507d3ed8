/**
 * A node of the swarm as the manager's store holds it (swarmkit's `api.Node`), with its
 * description, status and raft membership.
 */
import type { Platform, Resources, SimTime } from './common.js';
import type { NetworkAddress } from './network.js';
import type { NodeCsiPlugin } from './volume.js';

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';
export type NodeStatusState = 'unknown' | 'down' | 'ready' | 'disconnected';
export type Reachability = 'unknown' | 'unreachable' | 'reachable';

/** A plugin a node's engine reports (`swarm.PluginDescription`): `{type: 'Log', name: 'loki'}`. */
export interface PluginDescription {
  /** `Log`, `Network`, `Volume` or `Authorization`. */
  type: string;
  /** Driver name; managed plugins carry their tag, `loki:latest`. */
  name: string;
}

export interface ManagerStatus {
  leader: boolean;
  reachability: Reachability;
  /** Raft address, `ip:2377`. */
  addr: string;
}

export interface Node {
  id: string;
  /** Version index of the last write to this node, like swarmkit's Meta.Version. */
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  /** Node labels (`docker node update --label-add`), read by `node.labels.*` constraints. */
  labels: Record<string, string>;
  desiredRole: NodeRole;
  /** The role in effect; `node.role` constraints read this one. */
  role: NodeRole;
  availability: NodeAvailability;
  description: {
    hostname: string;
    platform: Platform;
    resources: Resources;
    engineVersion: string;
    /** Engine labels (dockerd `--label`), read by `engine.labels.*` constraints. */
    engineLabels: Record<string, string>;
    /**
     * The engine's plugins, sorted by type then name; absent means the stock engine's list
     * (read it with `enginePlugins` in factory.ts), which keeps older event logs unchanged.
     */
    plugins?: PluginDescription[];
    /** The CSI node plugins the engine runs (CSIInfo); absent means none, as a stock engine. */
    csiPlugins?: NodeCsiPlugin[];
  };
  status: { state: NodeStatusState; message: string; addr: string };
  managerStatus: ManagerStatus | null;
  /** Images already pulled on this node, sorted; a cached image needs no pull. */
  images: string[];
  /**
   * Host paths that exist on this machine beyond the default Linux tree (src/agent/mounts.ts),
   * for bind mounts; absent when none are declared.
   */
  hostPaths?: string[];
  /**
   * The node's load-balancer attachments (swarmkit's Node.Attachments): an address on the
   * ingress network and on every overlay one of its live tasks uses; absent when none.
   */
  attachments?: NetworkAddress[];
}
