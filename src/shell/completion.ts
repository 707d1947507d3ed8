/**
 * Tab completion for the interactive shell, as bash's docker completion behaves: the first words
 * complete to docker's groups and subcommands (and curl, sleep, sim), a word starting with `-` to
 * the flags the command simulates, a flag's value to its enumeration, and an argument to the
 * names its command takes there (services, nodes, networks, stacks, `worker`/`manager`). A single
 * match ends with a space, as readline completion does in bash, unless more of the word follows
 * (`NAME=` for scale, `http://HOST:` for curl).
 */
import { COMMAND_GROUPS, findCommand, TOP_LEVEL_COMMANDS } from '../dockercli/commands.js';
import type { DockerCommand } from '../dockercli/command.js';
import type { FlagDef } from '../dockercli/flags.js';
import { stackCounts } from '../dockercli/stack-support.js';
import { RESTART_USAGE } from '../faults/restart-args.js';
import { listNodes } from '../model/state.js';
import { isLeave } from '../model/world.js';
import { listNetworks } from '../network/networks.js';
import type { ShellSession } from './session.js';
import { SIM_VERBS } from './sim-commands.js';

/** The names completion offers, by kind; each list in the order it is shown. */
export interface CompletionNames {
  services: readonly string[];
  /** Hostnames of the lab's machines (`sim node`, curl's hosts). */
  machines: readonly string[];
  /** Hostnames of the swarm's nodes. */
  nodes: readonly string[];
  /** IDs of the swarm's nodes, offered when no hostname matches what was typed. */
  nodeIds: readonly string[];
  networks: readonly string[];
  stacks: readonly string[];
  /** Faults `sim heal` can heal, by id. */
  faults: readonly string[];
}

const NO_NAMES: CompletionNames = {
  services: [],
  machines: [],
  nodes: [],
  nodeIds: [],
  networks: [],
  stacks: [],
  faults: [],
};

/** What the session's swarm and lab hold now, for completion. */
export function completionNames(session: Pick<ShellSession, 'machines' | 'simulation'>) {
  const { state } = session.simulation;
  const nodes = listNodes(state);
  const networks = ['bridge', 'host', 'none', ...listNetworks(state).map((net) => net.name)];
  return {
    services: state.serviceIds.map((id) => state.services[id]!.spec.name),
    machines: session.machines.map((machine) => machine.hostname),
    nodes: unique(nodes.map((node) => node.description.hostname)),
    nodeIds: nodes.map((node) => node.id),
    networks: unique(networks).sort(),
    stacks: stackCounts(state).map((stack) => stack.name),
    faults: state.world.faults.filter((each) => !isLeave(each.fault)).map((each) => each.id),
  } satisfies CompletionNames;
}

/** readline's completer result for `line`: the completions, and the word they replace. */
export function complete(
  line: string,
  names: Partial<CompletionNames> = {},
): [string[], string] {
  const words = line.split(/\s+/);
  const word = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter((each) => each !== '');
  const all = { ...NO_NAMES, ...names };
  const hits = unique(candidatesFor(before, word, all).filter((hit) => hit.startsWith(word)));
  return [hits.length === 1 ? [finished(hits[0]!)] : hits, word];
}

/** A lone match as it goes on the line: a space after it, unless the word goes on. */
function finished(hit: string): string {
  return /[=:,]$/.test(hit) ? hit : `${hit} `;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function candidatesFor(
  before: readonly string[],
  word: string,
  names: CompletionNames,
): readonly string[] {
  if (before.length === 0) return ['docker', 'curl', 'sleep', 'sim'];
  if (before[0] === 'curl') return curlCandidates(word, names.machines);
  if (before[0] === 'sim') return simCandidates(before.slice(1), word, names);
  if (before[0] === 'docker') return dockerCandidates(before.slice(1), word, names);
  return [];
}

/** Candidates after `docker`; `args` are the words between `docker` and the current word. */
function dockerCandidates(args: readonly string[], word: string, names: CompletionNames) {
  if (args.length === 0) {
    if (word.startsWith('-')) return ['--help', '--version'];
    return [
      ...COMMAND_GROUPS.map((group) => group.name),
      ...TOP_LEVEL_COMMANDS.map((command) => command.path[0]!),
    ];
  }
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === args[0]);
  if (group && args.length === 1) {
    if (word.startsWith('-')) return ['--help'];
    return group.commands.map((command) => command.path[command.path.length - 1]!);
  }
  const command = group
    ? findCommand(group, args[1]!)
    : TOP_LEVEL_COMMANDS.find((candidate) => candidate.path[0] === args[0]);
  if (!command) return [];
  const valueOf = word.startsWith('--') ? /^--([^=]+)=/.exec(word) : null;
  if (valueOf) {
    const values = flagValues(valueOf[1]!, names);
    return values.map((value) => `--${valueOf[1]}=${value}`);
  }
  if (word.startsWith('-')) {
    const simulated = command.flags.filter((flag) => !flag.unsupported);
    return [...simulated.map((flag) => `--${flag.name}`), '--help'];
  }
  const previous = valueFlag(command, args[args.length - 1]!);
  if (previous) return flagValues(previous.name, names);
  return argumentCandidates(command, word, names);
}

/** The flag `word` names when it waits for a value in the next word (not `--flag=value`). */
function valueFlag(command: DockerCommand, word: string): FlagDef | undefined {
  let flag: FlagDef | undefined;
  if (/^--[^=]+$/.test(word)) flag = command.flags.find((each) => `--${each.name}` === word);
  else if (/^-[^-]$/.test(word)) flag = command.flags.find((each) => `-${each.short}` === word);
  return flag && !flag.bool ? flag : undefined;
}

/** The values of the flags docker takes from a fixed list (and networks); none for the others. */
function flagValues(flag: string, names: CompletionNames): readonly string[] {
  if (['network', 'network-add', 'network-rm'].includes(flag)) return names.networks;
  return FLAG_VALUES[flag] ?? [];
}

const ORDERS = ['start-first', 'stop-first'];
const FLAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  availability: ['active', 'pause', 'drain'],
  mode: ['replicated', 'global', 'replicated-job', 'global-job'],
  'update-order': ORDERS,
  'rollback-order': ORDERS,
  'update-failure-action': ['pause', 'continue', 'rollback'],
  'rollback-failure-action': ['pause', 'continue'],
  'restart-condition': ['none', 'on-failure', 'any'],
  'endpoint-mode': ['vip', 'dnsrr'],
  role: ['worker', 'manager'],
};

/** What a command's arguments name, by its path after `docker`. */
const ARGUMENT_KINDS: Readonly<Record<string, keyof CompletionNames | 'scale' | 'tokens'>> = {
  'service ps': 'services',
  'service inspect': 'services',
  'service logs': 'services',
  'service rm': 'services',
  'service update': 'services',
  'service rollback': 'services',
  'service scale': 'scale',
  'node demote': 'nodes',
  'node promote': 'nodes',
  'node rm': 'nodes',
  'node update': 'nodes',
  'node inspect': 'nodes',
  'node ps': 'nodes',
  'swarm join-token': 'tokens',
  'network inspect': 'networks',
  'network rm': 'networks',
  'stack ps': 'stacks',
  'stack rm': 'stacks',
  'stack services': 'stacks',
};

function argumentCandidates(command: DockerCommand, word: string, names: CompletionNames) {
  const path = command.path.join(' ');
  const kind = ARGUMENT_KINDS[path];
  if (kind === undefined) return [];
  if (kind === 'scale') return names.services.map((name) => `${name}=`);
  if (kind === 'tokens') return ['worker', 'manager'];
  if (kind === 'nodes') {
    const self = path === 'node inspect' || path === 'node ps' ? ['self'] : [];
    return nodeCandidates(word, names, self);
  }
  return names[kind];
}

/** Node hostnames, or their IDs when no hostname starts with what was typed. */
function nodeCandidates(word: string, names: CompletionNames, extra: readonly string[] = []) {
  const hosts = [...names.nodes, ...extra];
  return hosts.some((host) => host.startsWith(word)) ? hosts : names.nodeIds;
}

/** Candidates after `sim`: its verbs, then each verb's arguments. */
function simCandidates(args: readonly string[], word: string, names: CompletionNames) {
  if (args.length === 0) return SIM_VERBS;
  const [verb] = args;
  const position = args.length - 1;
  if (verb === 'restart' && word.startsWith('-')) return RESTART_USAGE.match(/--[\w-]+/g) ?? [];
  if (verb === 'partition') {
    if (word.startsWith('-')) return ['--one-way'];
    // A group is HOST[,HOST...]: complete the host after the last comma.
    const head = word.slice(0, word.lastIndexOf(',') + 1);
    const taken = head.split(',');
    return names.nodes.filter((host) => !taken.includes(host)).map((host) => head + host);
  }
  if (position > 0) return [];
  if (verb === 'node') return names.machines;
  if (verb === 'kill' || verb === 'oom') return names.services;
  if (verb === 'heal') return ['all', ...names.nodes, ...names.faults];
  // Faults name nodes by hostname only.
  return NODE_FAULTS.includes(verb!) ? names.nodes : [];
}

/** The sim verbs whose first argument is a node's hostname. */
const NODE_FAULTS = ['crash', 'restart', 'pull-fail', 'slow-pull', 'start-fail'];

/** curl's options, and `http://NAME:` for the names the shell knows (only machines resolve). */
function curlCandidates(word: string, machines: readonly string[]): string[] {
  if (word.startsWith('-')) {
    return ['--silent', '--show-error', '--include', '--head', '--max-time', '--location'];
  }
  return ['http://localhost:', ...machines.map((name) => `http://${name}:`)];
}
