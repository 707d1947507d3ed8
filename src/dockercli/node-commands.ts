/**
 * `docker node update`, `promote`, `demote` and `rm` (`cli/command/node/*.go`). Every node
 * change is a node spec update through the control API.
 */
import { ApiError, isApiError } from '../api/errors.js';
import { quoteGo } from '../api/go-format.js';
import { findNode } from '../api/lookup.js';
import { removeNode, updateNode, type NodeUpdate } from '../api/node.js';
import type { SimContext } from '../engine/simulation.js';
import type { Node, NodeAvailability, NodeRole } from '../model/types.js';
import {
  daemonErrorLine,
  failure,
  Printer,
  type CommandOutput,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import { managerGate, trimObjectName } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { labelsOf, listOf, withoutKeys } from './spec-parts.js';

/** The client's empty-name check, the engine's manager check, then the node lookup. */
function lookUpNode(ctx: SimContext, session: DockerSession, input: string): Node | string {
  const name = trimObjectName('node', input);
  if ('error' in name) return name.error;
  const refused = managerGate(ctx, session);
  if (refused) return daemonErrorLine(refused);
  const node = findNode(ctx.state, name.name);
  return isApiError(node) ? daemonErrorLine(node) : node;
}

/** `docker node update [--availability] [--role] [--label-add] [--label-rm] NODE` */
export const nodeUpdate: DockerCommand = {
  path: ['node', 'update'],
  use: 'update [OPTIONS] NODE',
  short: 'Update a node',
  flags: ['role', 'availability', 'label-add', 'label-rm'].map((name) => stringFlag(name)),
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const input = parsed.args[0]!;
    const node = lookUpNode(ctx, session, input);
    if (typeof node === 'string') return failure(node);
    const labels = labelsWithAdds(node, parsed);
    const missing = listOf(parsed, 'label-rm').find((key) => !Object.hasOwn(labels, key));
    if (missing !== undefined) return failure(`key ${missing} doesn't exist in node's labels`);
    const update = nodeUpdateFromFlags(node, parsed);
    if (isApiError(update)) return failure(daemonErrorLine(update));
    const result = updateNode(ctx, node.id, update);
    if (isApiError(result)) return failure(daemonErrorLine(result));
    const printer = new Printer();
    printer.out(input);
    return printer.done();
  },
};

/** Labels after `--label-add`, before `--label-rm` (docker applies them in that order). */
function labelsWithAdds(node: Node, parsed: ParsedFlags): Record<string, string> {
  return labelsOf(listOf(parsed, 'label-add'), node.labels);
}

/** The node spec the flags describe, with dockerd's case-insensitive enum conversion. */
function nodeUpdateFromFlags(node: Node, parsed: ParsedFlags): NodeUpdate | ApiError {
  const role = (lastValue<string>(parsed, 'role') ?? node.desiredRole).toLowerCase();
  if (role !== 'worker' && role !== 'manager') {
    return engineInvalid(`invalid Role: ${quoteGo(lastValue<string>(parsed, 'role')!)}`);
  }
  const written = lastValue<string>(parsed, 'availability');
  const availability = (written ?? node.availability).toLowerCase();
  if (!['active', 'pause', 'drain'].includes(availability)) {
    return engineInvalid(`invalid Availability: ${quoteGo(written!)}`);
  }
  return {
    role: role as NodeRole,
    availability: availability as NodeAvailability,
    labels: withoutKeys(labelsWithAdds(node, parsed), listOf(parsed, 'label-rm')),
  };
}

function engineInvalid(message: string): ApiError {
  return new ApiError('InvalidArgument', message, 'engine');
}

/** promote/demote: skip nodes already in the role, stop at the first failure. */
function changeRoles(
  ctx: SimContext,
  session: DockerSession,
  inputs: readonly string[],
  role: NodeRole,
): CommandOutput {
  const printer = new Printer();
  for (const input of inputs) {
    const node = lookUpNode(ctx, session, input);
    if (typeof node === 'string') {
      printer.err(node);
      return printer.done(true);
    }
    if (node.desiredRole === role) {
      printer.out(`Node ${node.id} is already a ${role}.`);
      continue;
    }
    const result = updateNode(ctx, node.id, { role });
    if (isApiError(result)) {
      printer.err(daemonErrorLine(result));
      return printer.done(true);
    }
    printer.out(
      role === 'manager'
        ? `Node ${input} promoted to a manager in the swarm.`
        : `Manager ${input} demoted in the swarm.`,
    );
  }
  return printer.done();
}

/** `docker node promote NODE...`: prints a line per node. */
export const nodePromote: DockerCommand = {
  path: ['node', 'promote'],
  use: 'promote NODE [NODE...]',
  short: 'Promote one or more nodes to manager in the swarm',
  flags: [],
  args: { atLeast: 1 },
  run: (ctx, parsed, session) => changeRoles(ctx, session, parsed.args, 'manager'),
};

/** `docker node demote NODE...`: prints a line per node. */
export const nodeDemote: DockerCommand = {
  path: ['node', 'demote'],
  use: 'demote NODE [NODE...]',
  short: 'Demote one or more nodes from manager in the swarm',
  flags: [],
  args: { atLeast: 1 },
  run: (ctx, parsed, session) => changeRoles(ctx, session, parsed.args, 'worker'),
};

/** `docker node rm [-f] NODE...`: prints each node removed. */
export const nodeRm: DockerCommand = {
  path: ['node', 'rm'],
  aliases: ['remove'],
  use: 'rm [OPTIONS] NODE [NODE...]',
  short: 'Remove one or more nodes from the swarm',
  flags: [boolFlag('force', 'f')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const force = lastValue<boolean>(parsed, 'force') ?? false;
    const printer = new Printer();
    const errors: string[] = [];
    for (const input of parsed.args) {
      const node = lookUpNode(ctx, session, input);
      const removed = typeof node === 'string' ? node : removeNode(ctx, node.id, { force });
      if (removed === null) printer.out(input);
      else errors.push(typeof removed === 'string' ? removed : daemonErrorLine(removed));
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};
