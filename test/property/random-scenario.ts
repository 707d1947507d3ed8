/**
 * A generator of random scenario files: a cluster of one manager and up to four workers, up to
 * four services with random modes, commands, constraints, reservations and restart policies, and
 * random scale/drain/pause/label/remove steps, healed (every node active) at 150 s.
 */
import fc from 'fast-check';

export const HEAL_AT_S = 150;
export const UNTIL_S = 300;

export const IMAGES_AND_COMMANDS = [
  'alpine sleep 3600',
  'nginx',
  'alpine',
  "alpine sh -c 'sleep 3; exit 1'",
  "alpine sh -c 'sleep 2'",
  'alpine ping docker.com',
];
const CONSTRAINTS = ['', 'node.role==worker', 'node.labels.zone==a', 'node.labels.zone!=a', 'node.role==manager'];
const RESTARTS = ['', 'none', 'on-failure', 'any'];

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
  replicas: fc.integer({ min: 0, max: 7 }),
  workload: fc.constantFrom(...IMAGES_AND_COMMANDS),
  constraint: fc.constantFrom(...CONSTRAINTS),
  reserveCpu: fc.constantFrom(0, 0.5, 1.5),
  restart: fc.constantFrom(...RESTARTS),
  maxAttempts: fc.constantFrom(0, 0, 2),
  maxPerNode: fc.constantFrom(0, 0, 1, 2),
});

type Action =
  | { kind: 'scale'; service: number; replicas: number }
  | { kind: 'availability'; node: number; availability: 'drain' | 'pause' | 'active' }
  | { kind: 'label'; node: number; zone: 'a' | 'b' | null }
  | { kind: 'remove'; service: number };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), service: fc.nat(3), replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({
    kind: fc.constant('availability' as const),
    node: fc.nat(4),
    availability: fc.constantFrom('drain' as const, 'pause' as const, 'active' as const),
  }),
  fc.record({ kind: fc.constant('label' as const), node: fc.nat(4), zone: fc.constantFrom('a' as const, 'b' as const, null) }),
  fc.record({ kind: fc.constant('remove' as const), service: fc.nat(3) }),
);

export const scenarioArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  workers: fc.array(nodeArbitrary, { minLength: 0, maxLength: 4 }),
  services: fc.array(createArbitrary, { minLength: 1, maxLength: 4 }),
  actions: fc.array(fc.tuple(fc.integer({ min: 1, max: 140 }), actionArbitrary), { maxLength: 12 }),
});

export type ScenarioShape = ArbitraryValue<typeof scenarioArbitrary>;
type ServiceShape = ArbitraryValue<typeof createArbitrary>;
type ArbitraryValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

function createCommand(index: number, service: ServiceShape): string {
  const parts = ['docker service create -d', `--name s${index}`];
  if (service.global) parts.push('--mode global');
  else parts.push(`--replicas ${service.replicas}`);
  if (service.constraint) parts.push(`--constraint '${service.constraint}'`);
  if (service.reserveCpu) parts.push(`--reserve-cpu ${service.reserveCpu}`);
  if (service.restart) parts.push(`--restart-condition ${service.restart}`);
  if (service.maxAttempts) parts.push(`--restart-max-attempts ${service.maxAttempts}`);
  if (service.maxPerNode && !service.global) parts.push(`--replicas-max-per-node ${service.maxPerNode}`);
  parts.push(service.workload);
  return parts.join(' ');
}

function actionCommand(action: Action, shape: ScenarioShape): { run: string; expectExit: 'any' | 0 } {
  const hostnames = ['manager1', ...shape.workers.map((_, index) => `worker${index + 1}`)];
  const host = (index: number) => hostnames[index % hostnames.length]!;
  switch (action.kind) {
    case 'scale':
      return { run: `docker service scale -d s${action.service % shape.services.length}=${action.replicas}`, expectExit: 'any' };
    case 'availability':
      return { run: `docker node update --availability ${action.availability} ${host(action.node)}`, expectExit: 0 };
    case 'label':
      return action.zone
        ? { run: `docker node update --label-add zone=${action.zone} ${host(action.node)}`, expectExit: 0 }
        : { run: `docker node update --label-rm zone ${host(action.node)}`, expectExit: 'any' };
    case 'remove':
      return { run: `docker service rm s${action.service % shape.services.length}`, expectExit: 'any' };
  }
}

/** Renders the generated shape as a scenario file, the same text a user would write. */
export function scenarioText(shape: ScenarioShape): string {
  const nodes = shape.workers.map(
    (worker, index) =>
      `    - {hostname: worker${index + 1}, role: worker, cpus: ${worker.cpus}, memory: ${worker.memoryGiB}GiB` +
      (worker.zone ? `, labels: {zone: ${worker.zone}}}` : '}'),
  );
  const steps = shape.services.map((service, index) => `  - {at: 0s, run: "${createCommand(index, service)}"}`);
  for (const [atS, action] of [...shape.actions].sort((a, b) => a[0] - b[0])) {
    const { run, expectExit } = actionCommand(action, shape);
    const exit = expectExit === 'any' ? '' : ', expect-exit: 0';
    steps.push(`  - {at: ${atS}s, run: "${run}"${exit}}`);
  }
  // Heal: every node back to active so the liveness phase can judge convergence.
  ['manager1', ...shape.workers.map((_, index) => `worker${index + 1}`)].forEach((host) =>
    steps.push(`  - {at: ${HEAL_AT_S}s, run: "docker node update --availability active ${host}"}`),
  );
  return [
    'name: random',
    `seed: ${shape.seed}`,
    `until: ${UNTIL_S}s`,
    'cluster:',
    `  managers: 1`,
    `  workers: ${shape.workers.length}`,
    ...(nodes.length > 0 ? ['  nodes:', ...nodes] : []),
    'steps:',
    ...steps,
  ].join('\n');
}

