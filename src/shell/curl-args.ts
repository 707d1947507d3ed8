/**
 * `curl`'s command line as swarmsim reads it: -s/--silent, -S/--show-error, -i/--include,
 * -I/--head, -m/--max-time SECONDS, -L/--location (nothing redirects here) and one URL. Short
 * options cluster as curl allows (`-sS`, `-m5`). Options curl has but swarmsim does not
 * simulate (-o, -v, -X, -H, ...) are refused with a swarmsim line rather than ignored.
 */

/** What a curl command line asks for. */
export interface CurlArgs {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  /** --max-time in ms, null for none. */
  maxTimeMs: number | null;
  url: string;
}

/** A command line curl refuses: its stderr and exit code. */
export interface CurlArgError {
  stderr: string;
  exitCode: number;
}

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const FLAGS: Readonly<Record<string, 'silent' | 'showError' | 'include' | 'head' | 'location'>> = {
  s: 'silent',
  S: 'showError',
  i: 'include',
  I: 'head',
  L: 'location',
  '--silent': 'silent',
  '--show-error': 'showError',
  '--include': 'include',
  '--head': 'head',
  '--location': 'location',
};

/** Options of real curl that swarmsim does not simulate. */
const NOT_SIMULATED = new Set(['o', 'O', 'v', 'X', 'H', 'd', 'u', 'k', 'f', 'w', 'x', 'A', 'e']);

function refuse(text: string, exitCode = 2): CurlArgError {
  return { stderr: text, exitCode };
}

function notSimulated(option: string): CurlArgError {
  return refuse(
    `swarmsim: curl: option ${option} is not simulated (-s, -S, -i, -I, -m and -L are)\n`,
  );
}

/** Parses curl's arguments. */
export function parseCurlArgs(args: readonly string[]): CurlArgs | CurlArgError {
  const parsed: Omit<CurlArgs, 'url'> & { url: string | null } = {
    silent: false, showError: false, include: false, head: false, maxTimeMs: null, url: null,
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--max-time' || arg === '-m') {
      const wrong = setMaxTime(parsed, arg, args[(i += 1)]);
      if (wrong) return wrong;
    } else if (arg.startsWith('--')) {
      const flag = FLAGS[arg];
      if (!flag) return refuse(`curl: option ${arg}: is unknown\n${TRY}`);
      set(parsed, flag);
    } else if (arg.startsWith('-') && arg.length > 1) {
      const wrong = shortCluster(parsed, arg, () => args[(i += 1)]);
      if (wrong) return wrong;
    } else if (parsed.url === null) {
      parsed.url = arg;
    } else {
      return refuse('swarmsim: curl: one URL at a time is simulated\n');
    }
  }
  // Bare `curl` only points at the help; options without a URL say what is missing first.
  if (parsed.url === null) {
    return refuse(args.length === 0 ? TRY : `curl: no URL specified!\n${TRY}`);
  }
  return { ...parsed, url: parsed.url };
}

type Draft = Omit<CurlArgs, 'url'> & { url: string | null };

function set(parsed: Draft, flag: (typeof FLAGS)[string]): void {
  if (flag !== 'location') parsed[flag] = true;
}

function shortCluster(parsed: Draft, arg: string, next: () => string | undefined) {
  for (let j = 1; j < arg.length; j += 1) {
    const letter = arg[j]!;
    if (letter === 'm') {
      const rest = arg.slice(j + 1);
      return setMaxTime(parsed, '-m', rest === '' ? next() : rest);
    }
    const flag = FLAGS[letter];
    if (flag) {
      set(parsed, flag);
      continue;
    }
    if (NOT_SIMULATED.has(letter)) return notSimulated(`-${letter}`);
    return refuse(`curl: option -${arg.slice(j)}: is unknown\n${TRY}`);
  }
  return null;
}

/** Reads --max-time; curl's errors name the option as it was typed (`-m` or `--max-time`). */
function setMaxTime(parsed: Draft, option: string, value: string | undefined) {
  if (value === undefined) return refuse(`curl: option ${option}: requires parameter\n${TRY}`);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) {
    return refuse(`curl: option ${option}: expected a proper numerical parameter\n${TRY}`);
  }
  parsed.maxTimeMs = Math.round(Number(value) * 1000);
  return null;
}
