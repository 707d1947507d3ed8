/**
 * `--network` (service create) and `--network-add` / `--network-rm` (service update): docker's
 * NetworkOpt syntax (`NAME` or `name=NAME,alias=A,...`, `opts/network.go`) and how the client
 * turns them into the spec's attachments (`cli/command/service/update.go` updateNetworks, and
 * create's convertNetworks). The client looks each network up among the swarm's (a local
 * network is "not found"), then sorts the attachments: by what was typed at create (dockerd
 * then swaps names for IDs), by ID at update.
 */
import type { ClusterState } from '../model/state.js';
import type { NetworkAttachmentConfig, ServiceSpec } from '../model/types.js';
import { findNetwork } from '../network/networks.js';
import type { FlagDef, ParsedFlags } from './flags.js';
import { allValues, changed } from './flags.js';
import { readGoCsvRecord } from './go-csv.js';
import type { Parsed } from './go-strconv.js';

/** A `--network` value as the client holds it before the lookup. */
export interface NetworkOpt {
  target: string;
  aliases: string[];
}

/** A `--network` / `--network-add` flag: each value parsed into a NetworkOpt. */
export function networkFlag(name: string): FlagDef {
  return { name, parse: parseNetworkOpt };
}

/** Parses one value as docker's NetworkOpt.Set does. */
export function parseNetworkOpt(value: string): Parsed<NetworkOpt> {
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return { value: { target: value, aliases: [] } };
  const record = readGoCsvRecord(value);
  if ('error' in record) return record;
  const opt: NetworkOpt = { target: '', aliases: [] };
  for (const field of record.value) {
    const equals = field.indexOf('=');
    if (equals <= 0) return { error: `invalid field ${field}` };
    const key = field.slice(0, equals).trim().toLowerCase();
    const val = field.slice(equals + 1);
    if (key === 'name') opt.target = val;
    else if (key === 'alias') opt.aliases.push(val);
    else if (key === 'driver-opt' || key === 'ip' || key === 'ip6' || key === 'mac-address') {
      return { error: `swarmsim: --network ${key}= is not simulated` };
    } else return { error: `invalid field key ${key}` };
  }
  if (opt.target === '') return { error: 'network name/id is not specified' };
  return { value: opt };
}

const notFound = (ref: string) => `Error response from daemon: network ${ref} not found`;

/** The attachments `service create --network` sends; or the error line the client prints. */
export function createNetworks(
  state: ClusterState,
  parsed: ParsedFlags,
): NetworkAttachmentConfig[] | { error: string } {
  const opts = allValues<NetworkOpt>(parsed, 'network');
  const found: { typed: string; config: NetworkAttachmentConfig }[] = [];
  for (const opt of opts) {
    const network = findNetwork(state, opt.target);
    if (!network) return { error: notFound(opt.target) };
    found.push({ typed: opt.target, config: { target: network.id, aliases: [...opt.aliases] } });
  }
  found.sort((a, b) => (a.typed < b.typed ? -1 : a.typed > b.typed ? 1 : 0));
  return found.map((entry) => entry.config);
}

/** Applies `--network-rm` then `--network-add` to `spec`; the client's error line, or null. */
export function updateNetworks(
  state: ClusterState,
  spec: ServiceSpec,
  parsed: ParsedFlags,
): string | null {
  if (!changed(parsed, 'network-add') && !changed(parsed, 'network-rm')) return null;
  const removed: string[] = [];
  for (const ref of allValues<string>(parsed, 'network-rm')) {
    const network = findNetwork(state, ref);
    if (!network) return notFound(ref);
    removed.push(network.id);
  }
  const next = (spec.task.networks ?? []).filter((config) => !removed.includes(config.target));
  for (const opt of allValues<NetworkOpt>(parsed, 'network-add')) {
    const network = findNetwork(state, opt.target);
    if (!network) return notFound(opt.target);
    if (next.some((config) => config.target === network.id)) {
      return `service is already attached to network ${opt.target}`;
    }
    next.push({ target: network.id, aliases: [...opt.aliases] });
  }
  next.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  if (next.length > 0) spec.task.networks = next;
  else delete spec.task.networks;
  return null;
}
