/**
 * Random service names like dockerd gives an unnamed service (`moby:internal/namesgenerator`):
 * `<adjective>_<surname>`. The lists are swarmsim's own, shorter than docker's.
 */
import type { Rng } from '../engine/rng.js';

const ADJECTIVES = [
  'admiring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'blissful', 'bold',
  'brave', 'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'dazzling',
  'determined', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'epic', 'fervent',
  'festive', 'focused', 'friendly', 'frosty', 'gallant', 'gifted', 'goofy', 'gracious',
  'happy', 'hopeful', 'inspiring', 'jolly', 'keen', 'kind', 'laughing', 'loving', 'lucid',
  'magical', 'modest', 'musing', 'mystifying', 'nice', 'nifty', 'nostalgic', 'objective',
  'optimistic', 'peaceful', 'pensive', 'practical', 'priceless', 'quirky', 'quizzical',
  'relaxed', 'reverent', 'romantic', 'serene', 'sharp', 'silly', 'sleepy', 'stoic',
  'strange', 'sweet', 'tender', 'thirsty', 'trusting', 'upbeat', 'vibrant', 'vigilant',
  'vigorous', 'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen',
] as const;

const SURNAMES = [
  'agnesi', 'albattani', 'archimedes', 'babbage', 'banach', 'bardeen', 'bell', 'bhabha',
  'blackwell', 'bohr', 'booth', 'borg', 'bose', 'brahmagupta', 'cannon', 'carson', 'cerf',
  'chandrasekhar', 'curie', 'darwin', 'davinci', 'dijkstra', 'einstein', 'elion', 'euclid',
  'euler', 'faraday', 'fermat', 'fermi', 'feynman', 'franklin', 'galileo', 'gauss',
  'goldberg', 'goodall', 'hamilton', 'hawking', 'heisenberg', 'hodgkin', 'hopper', 'hypatia',
  'johnson', 'kepler', 'knuth', 'lamport', 'leakey', 'lovelace', 'lumiere', 'maxwell',
  'mccarthy', 'meitner', 'mendel', 'morse', 'napier', 'newton', 'nobel', 'noether', 'pascal',
  'pasteur', 'perlman', 'poincare', 'ramanujan', 'ritchie', 'shannon', 'sinoussi', 'tesla',
  'thompson', 'torvalds', 'turing', 'volhard', 'wilson', 'wing', 'wozniak', 'yalow', 'zhukovsky',
] as const;

/** Fresh draws before falling back to a numeric suffix, as docker's retry mode does. */
const PLAIN_ATTEMPTS_MAX = 100;

/**
 * Draws one name. Unlike dockerd, which lets a duplicate fail the create, a drawn name that a
 * service already has is drawn again: with swarmsim's shorter lists collisions would otherwise
 * be far more frequent than on a real engine.
 */
export function randomServiceName(rng: Rng, taken: (name: string) => boolean): string {
  for (let attempt = 0; ; attempt += 1) {
    const adjective = ADJECTIVES[rng.int(0, ADJECTIVES.length)]!;
    const surname = SURNAMES[rng.int(0, SURNAMES.length)]!;
    const suffix = attempt < PLAIN_ATTEMPTS_MAX ? '' : String(rng.int(0, 10));
    const name = `${adjective}_${surname}${suffix}`;
    if (!taken(name)) return name;
  }
}
