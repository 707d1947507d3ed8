/**
 * Service spec validation as swarmkit's control API does it (`manager/controlapi/service.go`,
 * `common.go`), in the same order, so the first error reported is the one docker would print.
 */
import { MIN_MEMORY_BYTES, MIN_NANO_CPUS } from '../model/defaults.js';
import type {
  EndpointSpec,
  Mount,
  Resources,
  ServiceSpec,
  UpdateConfig,
} from '../model/types.js';
import { ConstraintError, parseConstraints } from '../scheduler/constraint.js';
import { ApiError, invalidArgument } from './errors.js';
import { formatGoG, quoteGo } from './go-format.js';
import { isValidImageReference } from './image-reference.js';

const DNS_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
/** DNS labels are limited to 63 characters. */
const NAME_LENGTH_MAX = 63;

/** Validates a whole spec; null when swarmkit would accept it. */
export function validateServiceSpec(spec: ServiceSpec): ApiError | null {
  return (
    validateName(spec.name) ??
    validateResources(spec.task.resources.limits) ??
    validateResources(spec.task.resources.reservations) ??
    validateRestart(spec) ??
    validatePlacement(spec.task.placement.constraints) ??
    validateImage(spec.task.container.image) ??
    validateMounts(spec.task.container.mounts) ??
    validateMode(spec) ??
    // swarmkit validates the update config only; the rollback config is taken as given.
    validateJobOrUpdate(spec) ??
    validateEndpoint(spec.endpoint)
  );
}

function validateName(name: string): ApiError | null {
  if (name === '') return invalidArgument('meta: name must be provided');
  if (!DNS_NAME.test(name)) return invalidArgument('name must be valid as a DNS name component');
  if (name.length > NAME_LENGTH_MAX) return invalidArgument('name must be 63 characters or fewer');
  return null;
}

/** Zero means "not set"; anything else must reach the minimum. */
function validateResources(resources: Resources): ApiError | null {
  const { nanoCPUs, memoryBytes } = resources;
  if (nanoCPUs !== 0 && nanoCPUs < MIN_NANO_CPUS) {
    const cpus = formatGoG(nanoCPUs / 1e9);
    const minimum = formatGoG(MIN_NANO_CPUS / 1e9);
    return invalidArgument(`invalid cpu value ${cpus}: Must be at least ${minimum}`);
  }
  if (memoryBytes !== 0 && memoryBytes < MIN_MEMORY_BYTES) {
    return invalidArgument(`invalid memory value ${memoryBytes}: Must be at least 4MiB`);
  }
  return null;
}

function validateRestart(spec: ServiceSpec): ApiError | null {
  const { delayMs, windowMs } = spec.task.restart;
  if (delayMs < 0) return invalidArgument('TaskSpec: restart-delay cannot be negative');
  if (windowMs < 0) return invalidArgument('TaskSpec: restart-window cannot be negative');
  return null;
}

/**
 * swarmkit's constraint parser returns plain errors, not gRPC statuses, so they reach the user
 * with code Unknown: `rpc error: code = Unknown desc = constraint expected one operator ...`.
 */
function validatePlacement(constraints: readonly string[]): ApiError | null {
  try {
    parseConstraints(constraints);
    return null;
  } catch (error) {
    if (error instanceof ConstraintError) return new ApiError('Unknown', error.message);
    throw error;
  }
}

function validateImage(image: string): ApiError | null {
  if (image === '') return invalidArgument('ContainerSpec: image reference must be provided');
  if (!isValidImageReference(image)) {
    return invalidArgument(`ContainerSpec: ${quoteGo(image)} is not a valid repository/tag`);
  }
  return null;
}

/**
 * The manager only refuses two mounts on one target; paths and sources are checked by the node
 * that runs the task (src/agent/mounts.ts).
 */
function validateMounts(mounts: readonly Mount[] | undefined): ApiError | null {
  const seen = new Set<string>();
  for (const { target } of mounts ?? []) {
    if (seen.has(target)) return invalidArgument(`ContainerSpec: duplicate mount point: ${target}`);
    seen.add(target);
  }
  return null;
}

function validateMode(spec: ServiceSpec): ApiError | null {
  if ('replicated' in spec.mode && spec.mode.replicated.replicas < 0) {
    return invalidArgument('Number of replicas must be non-negative');
  }
  return null;
}

/**
 * Jobs are never rolled out, so swarmkit refuses any update config on them (a rollback config
 * passes); other modes get their update config checked instead.
 */
function validateJobOrUpdate(spec: ServiceSpec): ApiError | null {
  const job = 'replicatedJob' in spec.mode || 'globalJob' in spec.mode;
  if (!job) return validateUpdate(spec.update);
  return spec.update ? invalidArgument('Jobs may not have an update config') : null;
}

function validateUpdate(update: UpdateConfig | null): ApiError | null {
  if (!update) return null;
  if (update.delayMs < 0) return invalidArgument('TaskSpec: update-delay cannot be negative');
  if (update.monitorMs < 0) return invalidArgument('TaskSpec: update-monitor cannot be negative');
  if (update.maxFailureRatio < 0 || update.maxFailureRatio > 1) {
    return invalidArgument(
      'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1',
    );
  }
  return null;
}

/** Checks the ports of one spec among themselves; conflicts with other services are in ports.ts. */
function validateEndpoint(endpoint: EndpointSpec): ApiError | null {
  const seen: string[] = [];
  for (const port of endpoint.ports) {
    if (endpoint.mode === 'dnsrr' && port.publishMode === 'ingress') {
      return invalidArgument(
        "EndpointSpec: port published with ingress mode can't be used with dnsrr mode",
      );
    }
    if (port.publishedPort === 0) continue;
    const key = `${port.publishedPort}/${port.protocol}`;
    if (seen.includes(key)) {
      return invalidArgument('EndpointSpec: duplicate published ports provided');
    }
    seen.push(key);
  }
  return null;
}
