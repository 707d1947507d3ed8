/**
 * The part of the Compose file format (version 3) that `docker stack deploy` reads, as zod
 * schemas, and docker's wording of what its JSON-schema check refuses: `services.web Additional
 * property foo is not allowed`, `services.web.deploy.replicas must be a integer`, `... Does not
 * match format 'duration'`. Keys docker knows but swarmsim does not model are accepted here and
 * sorted out by compose-load.ts (ignored like docker, or refused).
 */
import { z } from 'zod';
import { parseGoDurationMs } from './go-duration.js';
import { parsePublish } from './ports.js';

const duration = z
  .string()
  .refine((text) => !('error' in parseGoDurationMs(text)), { params: { format: 'duration' } });
/** zod reports a non-integer as `expected number`; this marker makes it docker's `integer`. */
const INTEGER = 'integer';
const integer = z.int({ error: (issue) => (issue.code === 'invalid_type' ? INTEGER : undefined) });
/** A short-syntax port (`"8080:80/udp"`), checked as docker's `ports` format. */
const shortPort = z
  .string()
  .refine((text) => !('error' in parsePublish(text)), { params: { format: 'ports' } });
const stringList = z.array(z.string());
/** A JSON-schema type list, which docker words `must be a string, number or null`. */
const SCALAR = 'string, number or null';
const scalar = z.union([z.string(), z.number(), z.null()], { error: () => SCALAR });
/**
 * A mapping of any keys to `value`. zod's record skips a `__proto__` key, so it is checked here
 * like any other (docker's schema sees it as a plain key).
 */
function record<T extends z.ZodType>(value: T) {
  return z.preprocess((input, ctx) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      const checked = value.safeParse((input as Record<string, unknown>)['__proto__']);
      for (const issue of checked.error?.issues ?? []) {
        ctx.addIssue({ ...issue, path: ['__proto__', ...issue.path] } as never);
      }
    }
    return input;
  }, z.record(z.string(), value));
}
/** `list_or_dict`: `[A=1, B]` or `{A: 1, B: null}`. */
const listOrDict = z.union([record(scalar), stringList]);
const stringOrList = z.union([z.string(), stringList]);
/** A key docker's schema has whose value swarmsim does not look at. */
const anything = z.unknown().optional();

const updateConfig = z.strictObject({
  parallelism: integer.optional(),
  delay: duration.optional(),
  failure_action: z.string().optional(),
  monitor: duration.optional(),
  max_failure_ratio: z.number().optional(),
  order: z.string().optional(),
});

const amounts = z.strictObject({
  cpus: z.string().optional(),
  memory: z.string().optional(),
  pids: anything,
  generic_resources: anything,
  devices: anything,
});

const deploy = z.strictObject({
  mode: z.string().optional(),
  endpoint_mode: z.string().optional(),
  replicas: integer.optional(),
  labels: listOrDict.optional(),
  rollback_config: updateConfig.optional(),
  update_config: updateConfig.optional(),
  resources: z.strictObject({ limits: amounts.optional(), reservations: amounts.optional() })
    .optional(),
  restart_policy: z
    .strictObject({
      condition: z.string().optional(),
      delay: duration.optional(),
      max_attempts: integer.optional(),
      window: duration.optional(),
    })
    .optional(),
  placement: z
    .strictObject({
      constraints: stringList.optional(),
      preferences: z.array(z.strictObject({ spread: z.string().optional() })).optional(),
      max_replicas_per_node: integer.optional(),
    })
    .optional(),
});

const longPort = z.strictObject({
  target: integer.optional(),
  published: integer.optional(),
  protocol: z.string().optional(),
  mode: z.string().optional(),
});

/** Service keys docker's schema knows that swarmsim neither models nor ignores. */
export const UNMODELLED_SERVICE_KEYS = [
  'cap_add', 'cap_drop', 'configs', 'credential_spec', 'dns', 'dns_search', 'env_file',
  'extra_hosts', 'healthcheck', 'init', 'isolation', 'read_only',
  'secrets', 'stdin_open', 'stop_signal', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'volumes',
] as const;

/** Service keys docker accepts and drops with `Ignoring unsupported options: ...`. */
export const IGNORED_SERVICE_KEYS = [
  'build', 'cgroupns_mode', 'cgroup_parent', 'devices', 'domainname', 'external_links', 'ipc',
  'links', 'mac_address', 'network_mode', 'pid', 'privileged', 'restart', 'security_opt',
  'shm_size', 'userns_mode',
] as const;

/** Service keys docker drops with `Ignoring deprecated options:`, with its reason. */
export const DEPRECATED_SERVICE_KEYS: Readonly<Record<string, string>> = {
  container_name: 'Setting the container name is not supported.',
  expose:
    "Exposing ports is unnecessary - services on the same network can access each other's " +
    'containers on any port.',
};

const otherKeys = Object.fromEntries(
  [
    ...UNMODELLED_SERVICE_KEYS,
    ...IGNORED_SERVICE_KEYS,
    ...Object.keys(DEPRECATED_SERVICE_KEYS),
    'depends_on',
  ].map((key) => [key, anything]),
);

const service = z.strictObject({
  image: z.string().optional(),
  command: stringOrList.optional(),
  entrypoint: stringOrList.optional(),
  environment: listOrDict.optional(),
  labels: listOrDict.optional(),
  hostname: z.string().optional(),
  working_dir: z.string().optional(),
  user: z.string().optional(),
  stop_grace_period: duration.optional(),
  ports: z.array(z.union([shortPort, z.number(), longPort])).optional(),
  deploy: deploy.optional(),
  /** A list of network names, or a mapping name -> {aliases} (stack-networks.ts). */
  networks: anything,
  logging: z
    .strictObject({ driver: z.string().optional(), options: record(scalar).optional() })
    .optional(),
  ...otherKeys,
});

/** One compose file as docker's schema accepts it (extension `x-` keys removed first). */
export const composeFile = z.strictObject({
  version: z.string().optional(),
  services: record(service).optional(),
  networks: anything,
  volumes: anything,
  secrets: anything,
  configs: anything,
});

/** A compose service after validation. */
export type ComposeService = z.infer<typeof service>;
/** One of a service's `ports` entries. */
export type ComposePort = NonNullable<ComposeService['ports']>[number];

/** docker's (gojsonschema's) sentence for the first problem zod found. */
export function schemaError(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string {
  const issue = issues[0]!;
  const path = [...prefix, ...issue.path];
  const field = path.length === 0 ? '(root)' : path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${field} Additional property ${issue.keys[0]} is not allowed`;
    case 'invalid_type':
      return `${field} must be a ${issue.message === INTEGER ? INTEGER : typeWord(issue.expected)}`;
    case 'invalid_union': {
      if (issue.message === SCALAR) return `${field} must be a ${SCALAR}`;
      // A value of the right shape with a deeper problem: report that problem; else, as
      // gojsonschema does for `oneOf`, the first alternative's type.
      const branches = issue.errors.map((branch) => branch[0]).filter((each) => !!each);
      const nested = branches.find((b) => b.path.length > 0 || b.code !== 'invalid_type');
      return schemaError([nested ?? branches[0]!], path);
    }
    case 'custom':
      return `${field} Does not match format '${String(issue.params?.format)}'`;
    default:
      return `${field} ${issue.message}`;
  }
}

/** JSON-schema type names as docker words them (`a list`, `a mapping`, `a integer`). */
function typeWord(expected: string): string {
  const words: Record<string, string> = {
    array: 'list',
    object: 'mapping',
    record: 'mapping',
    int: 'integer',
  };
  return words[expected] ?? expected;
}
