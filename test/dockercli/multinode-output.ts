/**
 * Reads a case of test/fixtures/real-docker-multinode: the commands of its output.txt with what
 * each printed (stdout and stderr together, as the recording captured them) and its exit code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker-multinode');

/** One recorded `docker` command. */
export interface RecordedRun {
  /** When it started, in seconds since the case began. */
  t: number;
  /** Node the command ran against (`node1` is manager1). */
  node: string;
  /** The command line after `docker`, with the script's quoting lost. */
  command: string;
  output: string;
  exit: number;
}

/** Every command of `caseName`'s output.txt, in order. */
export function recordedRuns(caseName: string): RecordedRun[] {
  const text = readFileSync(join(DIR, caseName, 'output.txt'), 'utf8');
  const runs: RecordedRun[] = [];
  const pattern =
    /^# t=\+([\d.]+)s (node\d) \(took [\d.]+s\)\n\$ docker (.*)\n([\s\S]*?)\[exit (\d+)\]$/gm;
  for (const match of text.matchAll(pattern)) {
    const [, t, node, command, output, exit] = match;
    const run = { node: node!, command: command!, output: output!, exit: Number(exit) };
    runs.push({ t: Number(t), ...run });
  }
  return runs;
}

/** The recorded run of `command` (the first one, or the `nth` from 0). */
export function recordedRun(caseName: string, command: string, nth = 0): RecordedRun {
  const found = recordedRuns(caseName).filter((run) => run.command === command)[nth];
  if (!found) throw new Error(`${caseName}: no recorded \`docker ${command}\` #${nth}`);
  return found;
}
