/**
 * The flags of `docker service create` and `docker service update` (docker's addServiceFlags plus
 * each command's own). Flags swarmsim does not simulate are declared too, so they parse like in
 * docker and are then refused by name instead of being reported as unknown.
 */
import type { FlagDef } from './flags.js';
import { genericResourceFlag } from './generic-resources.js';
import {
  boolFlag,
  cpuFlag,
  durationFlag,
  envFlag,
  floatFlag,
  labelFlag,
  memoryFlag,
  placementPrefFlag,
  publishFlag,
  stringFlag,
  uintFlag,
  unsupportedFlag,
  wordsFlag,
} from './flag-kinds.js';
import { mountFlag } from './mounts.js';
import { networkFlag } from './network-flags.js';

function updateConfigFlags(prefix: 'update' | 'rollback'): FlagDef[] {
  return [
    uintFlag(`${prefix}-parallelism`),
    durationFlag(`${prefix}-delay`),
    durationFlag(`${prefix}-monitor`),
    stringFlag(`${prefix}-failure-action`),
    floatFlag(`${prefix}-max-failure-ratio`),
    stringFlag(`${prefix}-order`),
  ];
}

/** Flags both commands share. */
const COMMON_FLAGS: readonly FlagDef[] = [
  boolFlag('detach', 'd'),
  boolFlag('quiet', 'q'),
  stringFlag('workdir', 'w'),
  stringFlag('user', 'u'),
  stringFlag('hostname'),
  wordsFlag('entrypoint'),
  cpuFlag('limit-cpu'),
  memoryFlag('limit-memory'),
  cpuFlag('reserve-cpu'),
  memoryFlag('reserve-memory'),
  durationFlag('stop-grace-period'),
  uintFlag('replicas'),
  uintFlag('replicas-max-per-node'),
  uintFlag('max-concurrent'),
  stringFlag('restart-condition'),
  durationFlag('restart-delay'),
  uintFlag('restart-max-attempts'),
  durationFlag('restart-window'),
  ...updateConfigFlags('update'),
  ...updateConfigFlags('rollback'),
  stringFlag('endpoint-mode'),
  stringFlag('log-driver'),
  envFlag('log-opt'),
  // Registry credentials are not simulated: accepted, and change nothing.
  boolFlag('with-registry-auth'),
  // Keeps the client from pinning the image's digest and platforms (image-resolve.ts).
  boolFlag('no-resolve-image'),
  unsupportedFlag('credential-spec'),
  unsupportedFlag('cap-add'),
  unsupportedFlag('cap-drop'),
  unsupportedFlag('limit-pids'),
  unsupportedFlag('memory-swap'),
  unsupportedFlag('memory-swappiness'),
  unsupportedFlag('health-cmd'),
  unsupportedFlag('health-interval'),
  unsupportedFlag('health-timeout'),
  unsupportedFlag('health-retries'),
  unsupportedFlag('health-start-period'),
  unsupportedFlag('health-start-interval'),
  unsupportedFlag('no-healthcheck', { bool: true }),
  unsupportedFlag('tty', { bool: true, short: 't' }),
  unsupportedFlag('read-only', { bool: true }),
  unsupportedFlag('stop-signal'),
  unsupportedFlag('isolation'),
  unsupportedFlag('init', { bool: true }),
  unsupportedFlag('oom-score-adj'),
];

/** `docker service create` flags. */
export const CREATE_FLAGS: readonly FlagDef[] = [
  stringFlag('mode'),
  stringFlag('name'),
  ...COMMON_FLAGS,
  labelFlag('label', 'l'),
  labelFlag('container-label'),
  envFlag('env', 'e'),
  stringFlag('constraint'),
  placementPrefFlag('placement-pref'),
  publishFlag('publish', 'p'),
  genericResourceFlag('generic-resource'),
  mountFlag('mount'),
  networkFlag('network'),
  ...[
    'env-file', 'secret', 'config', 'group', 'dns', 'dns-option',
    'dns-search', 'host', 'sysctl', 'ulimit',
  ].map((name) => unsupportedFlag(name)),
];

/** `docker service update` flags. */
export const UPDATE_FLAGS: readonly FlagDef[] = [
  stringFlag('image'),
  wordsFlag('args'),
  boolFlag('rollback'),
  boolFlag('force'),
  ...COMMON_FLAGS,
  stringFlag('env-rm'),
  stringFlag('label-rm'),
  stringFlag('container-label-rm'),
  publishFlag('publish-rm'),
  stringFlag('constraint-rm'),
  labelFlag('label-add'),
  labelFlag('container-label-add'),
  envFlag('env-add'),
  stringFlag('constraint-add'),
  placementPrefFlag('placement-pref-add'),
  placementPrefFlag('placement-pref-rm'),
  publishFlag('publish-add'),
  mountFlag('mount-add'),
  stringFlag('mount-rm'),
  networkFlag('network-add'),
  stringFlag('network-rm'),
  ...[
    'group-rm', 'dns-rm', 'dns-option-rm', 'dns-search-rm', 'host-rm', 'secret-rm',
    'secret-add', 'config-rm', 'config-add',
    'group-add', 'dns-add', 'dns-option-add', 'dns-search-add', 'host-add', 'sysctl-add',
    'sysctl-rm', 'ulimit-add', 'ulimit-rm',
  ].map((name) => unsupportedFlag(name)),
  genericResourceFlag('generic-resource-add'),
  stringFlag('generic-resource-rm'),
];
