/**
 * The standalone containers of one engine as the docker CLI reaches them: by full ID, exact name
 * or ID prefix (the daemon's order), new IDs and docker-style names, and the host ports already
 * taken on the engine (by its containers and by the swarm tasks or routing mesh on its node).
 */
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { nodeByHostname, tasksOnNode } from '../model/state.js';
import type { StandaloneContainer } from '../model/types.js';

/** The random stream container IDs and generated names are drawn from. */
const STREAM = 'containers';

/**
 * A sample of the adjectives and surnames of docker's name generator (moby `namesgenerator`);
 * the generated name is `adjective_surname`, as `docker ps` shows `dreamy_mahavira`.
 */
const ADJECTIVES = [
  'admiring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful', 'blissful',
  'bold', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent', 'confident',
  'cool', 'crazy', 'dazzling', 'determined', 'dreamy', 'eager', 'ecstatic', 'elastic', 'elegant',
  'epic', 'exciting', 'fervent', 'festive', 'focused', 'friendly', 'frosty', 'funny', 'gallant',
  'gifted', 'goofy', 'gracious', 'happy', 'hopeful', 'hungry', 'inspiring', 'intelligent',
  'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical', 'modest',
  'musing', 'naughty', 'nervous', 'nice', 'nifty', 'nostalgic', 'objective', 'optimistic',
  'peaceful', 'pensive', 'practical', 'priceless', 'quirky', 'quizzical', 'relaxed', 'reverent',
  'romantic', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'stupefied', 'suspicious',
  'sweet', 'tender', 'thirsty', 'trusting', 'upbeat', 'vibrant', 'vigilant', 'vigorous',
  'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen',
];
const SURNAMES = [
  'agnesi', 'albattani', 'archimedes', 'babbage', 'banach', 'bardeen', 'bartik', 'bell',
  'bhabha', 'blackwell', 'bohr', 'booth', 'borg', 'bose', 'brahmagupta', 'brattain', 'burnell',
  'cannon', 'carson', 'cerf', 'chandrasekhar', 'curie', 'darwin', 'diffie', 'dijkstra',
  'einstein', 'elion', 'euclid', 'euler', 'fermat', 'fermi', 'feynman', 'franklin', 'galileo',
  'gates', 'goldberg', 'goodall', 'greider', 'hamilton', 'hawking', 'heisenberg', 'hertz',
  'hodgkin', 'hopper', 'hypatia', 'jang', 'jennings', 'johnson', 'kalam', 'keller', 'kepler',
  'knuth', 'lamport', 'leakey', 'lederberg', 'lovelace', 'mahavira', 'mayer', 'mccarthy',
  'mcclintock', 'meitner', 'mendel', 'morse', 'newton', 'nobel', 'noether', 'pascal', 'pasteur',
  'payne', 'perlman', 'pike', 'poincare', 'ramanujan', 'ride', 'ritchie', 'rosalind', 'sammet',
  'shannon', 'shaw', 'sinoussi', 'tesla', 'thompson', 'torvalds', 'turing', 'villani',
  'wescoff', 'wiles', 'williams', 'wilson', 'wing', 'wozniak', 'wright', 'yalow', 'yonath',
];

/** First host port of the range the daemon picks from for `-p CONTAINER` (no host port). */
export const EPHEMERAL_PORT_START = 32768;

/** The standalone containers of the engine on `host`, oldest first. */
export function containersOn(state: ClusterState, host: string): StandaloneContainer[] {
  return (state.containerIds ?? [])
    .map((id) => state.containers![id]!)
    .filter((container) => container.host === host);
}

/** The container `ref` names on `host`: full ID, exact name, then a unique ID prefix. */
export function findContainer(
  state: ClusterState,
  host: string,
  ref: string,
): StandaloneContainer | { error: string } {
  const all = containersOn(state, host);
  const name = ref.startsWith('/') ? ref.slice(1) : ref;
  const found =
    all.find((container) => container.id === ref) ??
    all.find((container) => container.name === name);
  if (found) return found;
  const prefixed = ref === '' ? [] : all.filter((container) => container.id.startsWith(ref));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) return { error: `multiple IDs found with provided prefix: ${ref}` };
  return { error: `No such container: ${ref}` };
}

/** A new container ID: 64 hex digits drawn from the containers' own random stream. */
export function newContainerId(ctx: SimContext): string {
  const rng = ctx.rng(STREAM);
  let id = '';
  while (id.length < 64) id += rng.int(0, 0x10000).toString(16).padStart(4, '0');
  return id;
}

/** A generated name not in use on `host`, drawn as docker's generator draws them. */
export function newContainerName(ctx: SimContext, host: string): string {
  const rng = ctx.rng(STREAM);
  const taken = new Set(containersOn(ctx.state, host).map((container) => container.name));
  // Like docker, a name drawn twice gets a digit; the 11th try keeps whatever it drew.
  for (let attempt = 0; ; attempt += 1) {
    const adjective = ADJECTIVES[rng.int(0, ADJECTIVES.length)]!;
    const surname = SURNAMES[rng.int(0, SURNAMES.length)]!;
    const name = `${adjective}_${surname}${attempt > 0 ? rng.int(0, 10) : ''}`;
    if (!taken.has(name) || attempt >= 10) return name;
  }
}

/**
 * Who holds host port `port/protocol` on `host`: `allocated` when the daemon's port allocator
 * gave it to a running container or a host-mode task there, `ingress` when the routing mesh
 * listens on it for a service's published port (libnetwork's ingress proxy), else null.
 */
export function hostPortHolder(
  state: ClusterState,
  host: string,
  port: number,
  protocol: string,
): 'allocated' | 'ingress' | null {
  for (const container of containersOn(state, host)) {
    if (container.state !== 'running') continue;
    const same = container.ports.some((p) => p.hostPort === port && p.protocol === protocol);
    if (same) return 'allocated';
  }
  const node = nodeByHostname(state, host);
  if (!node) return null;
  for (const task of tasksOnNode(state, node.id)) {
    if (task.status.state !== 'running') continue;
    const same = task.endpoint.ports.some(
      (p) => p.publishMode === 'host' && p.publishedPort === port && p.protocol === protocol,
    );
    if (same) return 'allocated';
  }
  for (const id of state.serviceIds) {
    const same = state.services[id]!.endpointPorts.some(
      (p) => p.publishMode === 'ingress' && p.publishedPort === port && p.protocol === protocol,
    );
    if (same) return 'ingress';
  }
  return null;
}
