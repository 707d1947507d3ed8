/**
 * Dockerfiles as the Engine 20.10 legacy builder reads them: one instruction per line (a
 * trailing backslash continues it), `#` comment lines, keywords in any case. Errors are the
 * daemon's `dockerfile parse error line N: ...` texts; the instructions swarmsim does not model
 * beyond printing their step (RUN output aside) are still checked for their argument count.
 */
import type { ImageConfig } from '../model/types.js';
import { splitShellWords } from './shlex.js';

/** One instruction: its keyword (upper case), its arguments as written, and its line. */
export interface Instruction {
  keyword: string;
  args: string;
  /** The instruction as the builder echoes it in `Step N/M : ...` (continuations joined). */
  original: string;
  line: number;
}

const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];
const AT_LEAST_ONE = ['ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'ARG', 'ONBUILD', 'MAINTAINER'];
const EXACTLY_ONE = ['USER', 'WORKDIR', 'STOPSIGNAL'];

/** The Dockerfile's instructions, or the daemon's parse error (without its prefix). */
export function parseDockerfile(text: string): { instructions: Instruction[] } | { error: string } {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const start = index;
    let joined = lines[index]!.trim();
    if (joined === '' || joined.startsWith('#')) continue;
    while (joined.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      const next = lines[index]!.trim();
      joined = `${joined.slice(0, -1)}${next.startsWith('#') ? '' : next}`;
    }
    const match = /^(\S+)\s*(.*)$/s.exec(joined)!;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!.trim();
    const problem = argumentProblem(keyword, args);
    if (problem) return { error: `dockerfile parse error line ${start + 1}: ${problem}` };
    instructions.push({ keyword, args, original: joined, line: start + 1 });
  }
  if (instructions.length === 0) return { error: 'file with no instructions' };
  return { instructions };
}

function argumentProblem(keyword: string, args: string): string | null {
  if (!KEYWORDS.includes(keyword)) return `unknown instruction: ${keyword}`;
  const count = args === '' ? 0 : (splitShellWords(args) as { value?: string[] }).value?.length;
  if (keyword === 'FROM' && count !== 1 && count !== 3) {
    return 'FROM requires either one or three arguments';
  }
  if (AT_LEAST_ONE.includes(keyword) && count === 0) {
    return `${keyword} requires at least one argument`;
  }
  if (EXACTLY_ONE.includes(keyword) && count !== 1) {
    return `${keyword} requires exactly one argument`;
  }
  if ((keyword === 'COPY' || keyword === 'ADD') && (count ?? 0) < 2) {
    return `${keyword} requires at least two arguments, but only one was provided. ` +
      'Destination could not be determined.';
  }
  return null;
}

/** CMD/ENTRYPOINT/RUN arguments: a JSON array (exec form), else `/bin/sh -c ARGS`. */
export function commandForm(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((each) => typeof each === 'string')) {
        return parsed as string[];
      }
    } catch {
      // Not JSON: the builder runs it in a shell, brackets and all.
    }
  }
  return ['/bin/sh', '-c', args];
}

/** `KEY=value` pairs of ENV/LABEL, or the old `KEY value` form of ENV. */
export function keyValuePairs(args: string): [string, string][] {
  const words = (splitShellWords(args) as { value?: string[] }).value ?? [];
  if (words.length > 0 && !words[0]!.includes('=')) {
    const [key = '', ...rest] = args.split(/\s+/);
    return [[key, rest.join(' ')]];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    return eq < 0 ? [word, ''] : [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/**
 * The config after one instruction that changes it (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,
 * WORKDIR); the others leave it as it is. `cmdSet`: whether this Dockerfile set CMD already,
 * since an ENTRYPOINT resets an inherited CMD but not one set in the same Dockerfile.
 */
export function applyInstruction(
  config: ImageConfig,
  instruction: Instruction,
  cmdSet: boolean,
): ImageConfig {
  const { keyword, args } = instruction;
  switch (keyword) {
    case 'CMD':
      return { ...config, cmd: commandForm(args) };
    case 'ENTRYPOINT':
      return {
        ...config,
        entrypoint: commandForm(args),
        wrapper: false,
        cmd: cmdSet ? config.cmd : [],
      };
    case 'ENV': {
      const env = [...config.env];
      for (const [key, value] of keyValuePairs(args)) {
        const at = env.findIndex((entry) => entry.startsWith(`${key}=`));
        if (at >= 0) env[at] = `${key}=${value}`;
        else env.push(`${key}=${value}`);
      }
      return { ...config, env };
    }
    case 'LABEL': {
      const labels = Object.fromEntries(keyValuePairs(args));
      return { ...config, labels: { ...config.labels, ...labels } };
    }
    case 'EXPOSE': {
      const ports = args.split(/\s+/).map((port) => (port.includes('/') ? port : `${port}/tcp`));
      return { ...config, exposedPorts: [...new Set([...config.exposedPorts, ...ports])].sort() };
    }
    case 'USER':
      return { ...config, user: args };
    case 'WORKDIR': {
      const dir = args.startsWith('/') ? args : `${config.workingDir || '/'}/${args}`;
      return { ...config, workingDir: dir.replace(/\/+/g, '/') };
    }
    default:
      return config;
  }
}
