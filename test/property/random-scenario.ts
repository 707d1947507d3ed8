/**
 * A generator of random scenario files: 1-3 managers and up to three workers of random sizes,
 * up to three services (replicated or global; random workloads, constraints, reservations,
 * restart policies, update and rollback orders and failure actions), then random steps: scale,
 * update (image, env, --force, order, failure action), rollback, drain/pause/activate, labels,
 * remove, a worker's crash or restart, a partition. Constraints and reservations are sometimes
 * unsatisfiable on purpose. At HEAL_AT_S every fault is healed and every node made active, so
 * the run's end can be judged for convergence.
 */
import fc from 'fast-check';

export const HEAL_AT_S = 100;
export const UNTIL_S = 180;

export const IMAGES_AND_COMMANDS = [
  'alpine sleep 3600',
  'nginx',
  'alpine',
  "alpine sh -c 'sleep 3; exit 1'",
  "alpine sh -c 'sleep 2'",
  'alpine ping docker.com',
];
const CONSTRAINTS = [
  '', '', 'node.role==worker', 'node.labels.zone==a', 'node.labels.zone!=a', 'node.role==manager',
  // Matches no node ever: its tasks must stay pending, explained.
  'node.labels.zone==nowhere',
];
const RESTARTS = ['', 'none', 'on-failure', 'any'];
const ORDERS = ['', 'stop-first', 'start-first'] as const;
const FAILURE_ACTIONS = ['', 'pause', 'continue', 'rollback'] as const;

interface NodeShape {
  cpus: number;
  memoryGiB: number;
  zone: 'a' | 'b' | '';
}

const nodeArbitrary: fc.Arbitrary<NodeShape> = fc.record({
  cpus: fc.constantFrom(1, 2, 4),
  memoryGiB: fc.constantFrom(1, 2, 4),
  zone: fc.constantFrom('a', 'b', ''),
});

const createArbitrary = fc.record({
  global: fc.boolean(),
  replicas: fc.integer({ min: 0, max: 6 }),
  workload: fc.constantFrom(...IMAGES_AND_COMMANDS),
  constraint: fc.constantFrom(...CONSTRAINTS),
  // 8 CPUs is more than any node has: such a service never places a task.
  reserveCpu: fc.constantFrom(0, 0, 0.5, 1.5, 8),
  restart: fc.constantFrom(...RESTARTS),
  maxAttempts: fc.constantFrom(0, 0, 2),
  maxPerNode: fc.constantFrom(0, 0, 1, 2),
  updateOrder: fc.constantFrom(...ORDERS),
  rollbackOrder: fc.constantFrom(...ORDERS),
  failureAction: fc.constantFrom(...FAILURE_ACTIONS),
});

type Action =
  | { kind: 'scale'; service: number; replicas: number }
  | {
      kind: 'update';
      service: number;
      change: 'image' | 'env' | 'force';
      workload: string;
      order: string;
      failureAction: string;
    }
  | { kind: 'rollback'; service: number }
  | { kind: 'availability'; node: number; availability: 'drain' | 'pause' | 'active' }
  | { kind: 'label'; node: number; zone: 'a' | 'b' | null }
  | { kind: 'remove'; service: number }
  | { kind: 'crash'; worker: number }
  | { kind: 'restart'; worker: number; downtimeS: number }
  | { kind: 'partition'; node: number };

const service = fc.nat(2);
const node = fc.nat(5);
const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('scale' as const),
    service,
    replicas: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    service,
    change: fc.constantFrom('image' as const, 'env' as const, 'force' as const),
    workload: fc.constantFrom(...IMAGES_AND_COMMANDS),
    order: fc.constantFrom(...ORDERS),
    failureAction: fc.constantFrom(...FAILURE_ACTIONS),
  }),
  fc.record({ kind: fc.constant('rollback' as const), service }),
  fc.record({
    kind: fc.constant('availability' as const),
    node,
    availability: fc.constantFrom('drain' as const, 'pause' as const, 'active' as const),
  }),
  fc.record({
    kind: fc.constant('label' as const),
    node,
    zone: fc.constantFrom('a' as const, 'b' as const, null),
  }),
  fc.record({ kind: fc.constant('remove' as const), service }),
  fc.record({ kind: fc.constant('crash' as const), worker: fc.nat(2) }),
  fc.record({
    kind: fc.constant('restart' as const),
    worker: fc.nat(2),
    downtimeS: fc.constantFrom(5, 20),
  }),
  fc.record({ kind: fc.constant('partition' as const), node }),
);

export const scenarioArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  managers: fc.integer({ min: 1, max: 3 }),
  workers: fc.array(nodeArbitrary, { minLength: 0, maxLength: 3 }),
  services: fc.array(createArbitrary, { minLength: 1, maxLength: 3 }),
  actions: fc.array(fc.tuple(fc.integer({ min: 1, max: HEAL_AT_S - 10 }), actionArbitrary), {
    maxLength: 10,
  }),
});

export type ScenarioShape = ArbitraryValue<typeof scenarioArbitrary>;
type ServiceShape = ArbitraryValue<typeof createArbitrary>;
type ArbitraryValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

function hostnames(shape: ScenarioShape): string[] {
  const managers = Array.from({ length: shape.managers }, (_, index) => `manager${index + 1}`);
  return [...managers, ...shape.workers.map((_, index) => `worker${index + 1}`)];
}

function createCommand(index: number, shape: ServiceShape): string {
  const parts = ['docker service create -d', `--name s${index}`];
  if (shape.global) parts.push('--mode global');
  else parts.push(`--replicas ${shape.replicas}`);
  if (shape.constraint) parts.push(`--constraint '${shape.constraint}'`);
  if (shape.reserveCpu) parts.push(`--reserve-cpu ${shape.reserveCpu}`);
  if (shape.restart) parts.push(`--restart-condition ${shape.restart}`);
  if (shape.maxAttempts) parts.push(`--restart-max-attempts ${shape.maxAttempts}`);
  if (shape.maxPerNode && !shape.global) parts.push(`--replicas-max-per-node ${shape.maxPerNode}`);
  if (shape.updateOrder) parts.push(`--update-order ${shape.updateOrder}`);
  if (shape.rollbackOrder) parts.push(`--rollback-order ${shape.rollbackOrder}`);
  if (shape.failureAction) parts.push(`--update-failure-action ${shape.failureAction}`);
  parts.push(shape.workload);
  return parts.join(' ');
}

/** The `update` step's command; a changed workload is an image (and command) change. */
function updateCommand(action: Extract<Action, { kind: 'update' }>, name: string): string {
  const parts = ['docker service update -d'];
  if (action.order) parts.push(`--update-order ${action.order}`);
  if (action.failureAction) parts.push(`--update-failure-action ${action.failureAction}`);
  if (action.change === 'force') parts.push('--force');
  if (action.change === 'env') parts.push(`--env-add V=${action.workload.length}`);
  if (action.change === 'image') {
    // The workload's image at another tag: its command is kept, as docker keeps it.
    const image = action.workload.split(' ')[0];
    parts.push(`--image ${image === 'nginx' ? 'nginx:alpine' : 'alpine:3.19'}`);
  }
  parts.push(name);
  return parts.join(' ');
}

/** One step line (without `at`) for `action`. */
function actionStep(action: Action, shape: ScenarioShape): string {
  const hosts = hostnames(shape);
  const host = (index: number) => hosts[index % hosts.length]!;
  const name = (index: number) => `s${index % shape.services.length}`;
  const workers = hosts.slice(shape.managers);
  const worker = (index: number) => workers[index % Math.max(1, workers.length)];
  switch (action.kind) {
    case 'scale':
      return `run: "docker service scale -d ${name(action.service)}=${action.replicas}"`;
    case 'update':
      return `run: '${updateCommand(action, name(action.service)).replace(/'/g, "''")}'`;
    case 'rollback':
      return `run: "docker service rollback -d ${name(action.service)}"`;
    case 'availability':
      return `run: "docker node update --availability ${action.availability} ${host(action.node)}"`;
    case 'label':
      return action.zone
        ? `run: "docker node update --label-add zone=${action.zone} ${host(action.node)}"`
        : `run: "docker node update --label-rm zone ${host(action.node)}"`;
    case 'remove':
      return `run: "docker service rm ${name(action.service)}"`;
    case 'crash':
      return worker(action.worker) ? `crash: ${worker(action.worker)}` : 'run: "sim heal all"';
    case 'restart':
      return worker(action.worker)
        ? `restart: ${worker(action.worker)}, downtime: ${action.downtimeS}s`
        : 'run: "sim heal all"';
    case 'partition':
      return `partition: ${host(action.node)}`;
  }
}

/** Renders the generated shape as a scenario file, the same text a user would write. */
export function scenarioText(shape: ScenarioShape): string {
  const nodes = shape.workers.map(
    (worker, index) =>
      `    - {hostname: worker${index + 1}, role: worker, ` +
      `cpus: ${worker.cpus}, memory: ${worker.memoryGiB}GiB` +
      (worker.zone ? `, labels: {zone: ${worker.zone}}}` : '}'),
  );
  const steps = shape.services.map(
    (each, index) => `  - {at: 0s, run: "${createCommand(index, each)}"}`,
  );
  for (const [atS, action] of [...shape.actions].sort((a, b) => a[0] - b[0])) {
    steps.push(`  - {at: ${atS}s, ${actionStep(action, shape)}}`);
  }
  // Heal: every fault over and every node active, so the end of the run can be judged.
  steps.push(`  - {at: ${HEAL_AT_S}s, heal: all}`);
  hostnames(shape).forEach((host) =>
    steps.push(`  - {at: ${HEAL_AT_S}s, run: "docker node update --availability active ${host}"}`),
  );
  return [
    'name: random',
    `seed: ${shape.seed}`,
    `until: ${UNTIL_S}s`,
    'cluster:',
    `  managers: ${shape.managers}`,
    `  workers: ${shape.workers.length}`,
    ...(nodes.length > 0 ? ['  nodes:', ...nodes] : []),
    'steps:',
    ...steps,
  ].join('\n');
}
