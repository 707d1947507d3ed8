/**
 * Pairs what swarmsim answered to each course command with docker's recorded answer and lists
 * where they differ: exit code, stderr's text (masked) and stdout's shape (course-shape.ts).
 */
import type { CourseRun, Typed } from './course-run.js';
import { errorText, parseRecording, type Recorded, shapeOf } from './course-shape.js';

/** What differs: the exit code, stderr's text, or the shape of stdout. */
export type Aspect = 'exit' | 'stderr' | 'shape';

/** A difference the test accepts, with why; `typed` is a prefix of the line typed. */
export interface KnownDifference {
  line: number;
  typed: string;
  aspect: Aspect;
  why: string;
}

/** One typed line, docker's answer to it (or null: not recorded) and what differs. */
export interface Compared {
  line: number;
  typed: Typed;
  docker: Recorded | null;
  differs: { aspect: Aspect; real: string; sim: string }[];
}

/**
 * Docker's answers the recording could not give, from elsewhere. PWD's instances have two
 * interfaces; the recording's nodes have one veth (and no dummy module), so the real init
 * succeeded. The notes quote docker's refusal on PWD (line 338); the init with
 * --advertise-addr then answers as the laptop's (line 112) did.
 */
function references(notes: string, recorded: Recorded[]): Map<number, Recorded> {
  const quoted = /\*\*(Error response from daemon: could not choose[^*]+)\*\*/.exec(notes);
  const laptopInit = recorded.find(({ line }) => line === 112);
  if (!quoted || !laptopInit) throw new Error('the notes or the recording lost an answer');
  const base = { node: 'notes', stdout: '', ran: 'docker swarm init', text: 'docker swarm init' };
  return new Map([
    [334, { ...base, line: 334, stderr: `${quoted[1]}\n`, exitCode: 1 }],
    [346, { ...laptopInit, line: 346, text: 'docker swarm init --advertise-addr 192.168.0.33' }],
  ]);
}

function differences(typed: Typed, docker: Recorded): Compared['differs'] {
  const differs: Compared['differs'] = [];
  const exit = String(docker.exitCode);
  if (typed.crash) differs.push({ aspect: 'exit', real: exit, sim: typed.crash });
  else if (typed.exitCode !== docker.exitCode) {
    differs.push({ aspect: 'exit', real: exit, sim: String(typed.exitCode) });
  }
  const [realError, simError] = [errorText(docker.stderr), errorText(typed.stderr)];
  // Warnings count too (an image no registry has), not only errors.
  if (realError !== simError) {
    differs.push({ aspect: 'stderr', real: realError, sim: simError });
  }
  const real = JSON.stringify(shapeOf(docker.stdout));
  const sim = JSON.stringify(shapeOf(typed.stdout));
  if (real !== sim) differs.push({ aspect: 'shape', real, sim });
  return differs;
}

/**
 * Compares every typed line of `runs` with the recording (`output.txt`'s text): the entries
 * under a line of the notes answer that line's typed commands in order.
 */
export function compareCourse(runs: CourseRun[], recording: string, notes: string): Compared[] {
  const recorded = parseRecording(recording);
  const reference = references(notes, recorded);
  const queues = new Map<number, Recorded[]>();
  for (const entry of recorded) {
    if (reference.has(entry.line)) continue;
    queues.set(entry.line, [...(queues.get(entry.line) ?? []), entry]);
  }
  for (const [line, entry] of reference) queues.set(line, [entry]);
  const compared = runs.flatMap(({ command, typed }) =>
    typed.map((one): Compared => {
      const docker = queues.get(command.line)?.shift() ?? null;
      const differs = docker ? differences(one, docker) : [];
      return { line: command.line, typed: one, docker, differs };
    }),
  );
  const left = [...queues.values()].flat();
  if (left.length > 0) throw new Error(`recorded but not typed: ${left.map((e) => e.line)}`);
  return compared;
}

/** The differences no known difference accounts for, and the known ones that no longer hold. */
export function unexplained(compared: Compared[], known: KnownDifference[]): string[] {
  const used = new Set<KnownDifference>();
  const problems: string[] = [];
  for (const { line, typed, differs } of compared) {
    for (const { aspect, real, sim } of differs) {
      const entry = known.find(
        (k) => k.line === line && k.aspect === aspect && typed.line.startsWith(k.typed),
      );
      if (entry) used.add(entry);
      else problems.push(`line ${line}: ${typed.line}\n  ${aspect}: docker ${real}\n  sim ${sim}`);
    }
  }
  for (const entry of known) {
    if (used.has(entry)) continue;
    problems.push(`stale known difference: line ${entry.line} ${entry.aspect}`);
  }
  return problems;
}
