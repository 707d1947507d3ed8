/**
 * The build context as far as swarmsim can see it: files are read one by one through the
 * session (there is no directory listing), so the context is the Dockerfile plus the files a
 * COPY/ADD names literally (`COPY index.js .`); `COPY . .` and wildcards copy what cannot be
 * listed and count nothing. Its size is that of the tar the CLI sends: a 512-byte header and
 * the content rounded up to 512 bytes per file, then two empty 512-byte blocks.
 */
import { commandForm, type Instruction } from './dockerfile.js';

/** The directory relative paths are shown under in errors (Play with Docker's home). */
export const VIRTUAL_CWD = '/root';

/** `dir/name`, without `./` noise (`.` + `Dockerfile` is `Dockerfile`). */
export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/')) return name;
  const base = dir.replace(/\/+$/, '');
  const joined = base === '' || base === '.' ? name : `${base}/${name}`;
  return joined.replace(/(^|\/)\.\//g, '$1');
}

/** The sources a COPY/ADD names (flags such as `--chown` left out), as written. */
function copySources(step: Instruction): string[] {
  const words = step.args.startsWith('[')
    ? commandForm(step.args)
    : step.args.split(/\s+/).filter((word) => word !== '');
  const plain = words[0] === '/bin/sh' && words[1] === '-c' ? step.args.split(/\s+/) : words;
  return plain.filter((word) => !word.startsWith('--')).slice(0, -1);
}

/** The text of each file a COPY/ADD step copies that can be read, in order. */
export function copiedFiles(
  step: Instruction,
  context: string,
  readFile: (path: string) => string | undefined,
): string[] {
  if (step.keyword !== 'COPY' && step.keyword !== 'ADD') return [];
  const texts: string[] = [];
  for (const source of copySources(step)) {
    if (/[*?[]/.test(source) || source === '.' || source.endsWith('/')) continue;
    const text = readFile(joinPath(context, source));
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

/** Bytes of the context tar: the Dockerfile and the readable files COPY/ADD name. */
export function buildContextSize(
  dockerfile: { path: string; text: string },
  steps: readonly Instruction[],
  context: string,
  readFile: (path: string) => string | undefined,
): number {
  const seen = new Set<string>([dockerfile.path]);
  let bytes = tarEntryBytes(dockerfile.text) + 1024;
  for (const step of steps) {
    if (step.keyword !== 'COPY' && step.keyword !== 'ADD') continue;
    for (const source of copySources(step)) {
      const path = joinPath(context, source);
      const text = seen.has(path) || /[*?[]/.test(source) ? undefined : readFile(path);
      if (text === undefined) continue;
      seen.add(path);
      bytes += tarEntryBytes(text);
    }
  }
  return bytes;
}

function tarEntryBytes(text: string): number {
  return 512 + Math.ceil(Buffer.byteLength(text) / 512) * 512;
}
