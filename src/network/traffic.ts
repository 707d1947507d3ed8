/**
 * Sending one HTTP request through the simulated network: route it (mesh.ts), record the
 * routing as a `network/requestRouted` event (whose fold moves the receiving node's IPVS
 * pointer, so a replay balances the same way), and let the chosen container answer.
 *
 * Time: routing and an answer take no virtual time (a LAN round trip is well under the 1 ms
 * the clock counts). Waiting for a connection that never completes is the client's business
 * (curl.ts lets virtual time pass for it).
 */
import type { SimContext } from '../engine/simulation.js';
import type { NetworkRequestRouted } from '../model/events.js';
import type { HttpReply, HttpRequest } from './http-responses.js';
import { routeRequest, type Route, type RouteRequest } from './mesh.js';

/** An HTTP request to route: the connection, then the method and path it carries. */
export interface TrafficRequest extends RouteRequest {
  method: HttpRequest['method'];
  path: string;
  /** Hostname of the machine the client runs on (the event's `machine`). */
  machine: string;
}

/** What came of a request: the route taken and, when answered, the reply. */
export interface Delivery {
  route: Route;
  reply: HttpReply | null;
}

/** Routes `request`, records it, and returns the reply if a server answered. */
export function sendRequest(ctx: SimContext, request: TrafficRequest): Delivery {
  const route = routeRequest(ctx.state, request);
  ctx.emit(routedEvent(request, route));
  if (route.outcome !== 'answered' || !route.server) return { route, reply: null };
  const reply = route.server.reply(
    { method: request.method, path: request.path, at: ctx.now },
    route.hostname ?? '',
  );
  return { route, reply };
}

function routedEvent(request: TrafficRequest, route: Route): NetworkRequestRouted {
  const { target } = request;
  return {
    type: 'network/requestRouted',
    machine: request.machine,
    host: target.hostname,
    ...(target.nodeId === null ? {} : { hostNodeId: target.nodeId }),
    port: request.port,
    protocol: 'tcp',
    ...(route.via ? { via: route.via } : {}),
    ...(route.serviceId ? { serviceId: route.serviceId } : {}),
    ...(route.taskId ? { backendTaskId: route.taskId } : {}),
    ...(route.containerId ? { containerId: route.containerId } : {}),
    outcome: route.outcome,
  };
}
