/**
 * Expectation sentences about traffic: where the next request to a node's port would go, as
 * `curl` from that node would find it (src/network/mesh.ts). Evaluating one routes on paper:
 * it records nothing, so the round-robin pointer does not move.
 */
import type { ClusterState } from '../model/state.js';
import { nodeByHostname } from '../model/state.js';
import { routeRequest, type Route } from '../network/mesh.js';
import type { Check, SentenceProblem } from './expectations.js';
import * as q from './queries.js';

/** One entry of the sentence table (the same shape as expectations.ts's entries). */
interface TrafficSentence {
  form: string;
  pattern: RegExp;
  compile(words: (string | undefined)[]): Check | SentenceProblem;
}

/** What a route did, in the sentence's words. */
function routeWords(state: ClusterState, route: Route): string {
  switch (route.outcome) {
    case 'answered': {
      const task = route.taskId === undefined ? undefined : state.tasks[route.taskId];
      const service = task ? state.services[task.serviceId] : undefined;
      if (task && service) return `is answered by ${q.taskName(service, task)}`;
      const container = route.containerId ? state.containers?.[route.containerId] : undefined;
      return `is answered by ${container?.name ?? 'a container'}`;
    }
    case 'timeout':
      return 'times out';
    default:
      return `is ${route.outcome}`;
  }
}

/** The traffic sentences, spread into SENTENCES. */
export const TRAFFIC_SENTENCES: readonly TrafficSentence[] = [
  {
    form: 'a request to HOSTNAME:PORT is answered by NAME.SLOT | is refused | is reset | ' +
      'times out | is unreachable',
    pattern: new RegExp(
      '^a request to (\\S+):(\\d+) ' +
        '(is answered by \\S+|is refused|is reset|times out|is unreachable)$',
    ),
    compile: ([host, port, outcome]) => (state) => {
      const node = nodeByHostname(state, host!);
      if (!node) return { passed: false, actual: `node ${host} does not exist` };
      const machine = { hostname: host!, nodeId: node.id };
      const request = { client: machine, target: machine, port: Number(port), address: '' };
      const words = routeWords(state, routeRequest(state, request));
      return { passed: words === outcome, actual: `a request to ${host}:${port} ${words}` };
    },
  },
];
