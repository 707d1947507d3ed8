/**
 * Replays test/fixtures/real-docker-multinode/networks on a simulated manager1 + worker1: every
 * recorded command at its recorded time (seconds after the swarm settled), on the node it ran
 * on, with the recorded image replaced by busybox; and a normaliser for IDs and times, so outputs
 * compare on what matters (addresses, order, texts).
 */
import { readFileSync } from 'node:fs';
import { runDockerCommand, type CommandOutput } from '../../src/dockercli/run.js';
import { createSwarm } from '../../src/swarm.js';
import { recordedRuns, type RecordedRun } from '../dockercli/multinode-output.js';
import { NO_PULL, RECORDED_IMAGE } from './replay.js';

/** The case directory under test/fixtures/real-docker-multinode. */
export const CASE = 'networks';

/** The compose file the recording wrote to /tmp: script.sh's heredoc, with busybox as image. */
const STACK_FILE = (() => {
  const path = new URL(`../fixtures/real-docker-multinode/${CASE}/script.sh`, import.meta.url);
  const script = readFileSync(path, 'utf8');
  const heredoc = /<<'YML'\n([\s\S]*?)\nYML\n/.exec(script)?.[1];
  if (heredoc === undefined) throw new Error(`${CASE}/script.sh: no compose heredoc`);
  return `${heredoc.replaceAll('IMGREF', 'busybox')}\n`;
})();

/** Virtual ms the swarm runs before T0, as up.sh had settled it before the script began. */
const SETTLE_MS = 5000;

/** One recorded run with what the simulation printed for it. */
export interface ReplayedRun extends RecordedRun {
  sim: CommandOutput;
}

/** Runs the whole case; `inspect --type task` (not simulated) is skipped. */
export function replayNetworks(): ReplayedRun[] {
  const sim = createSwarm({
    seed: 3,
    nodes: [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker' },
    ],
    agent: NO_PULL,
  });
  sim.runUntil(SETTLE_MS);
  const [node1 = '', node2 = ''] = sim.state.nodeIds;
  const sessions: Record<string, string> = { node1, node2 };
  const readFile = (path: string) => (path === '/tmp/swsim-net-stack.yml' ? STACK_FILE : undefined);
  const replayed: ReplayedRun[] = [];
  for (const run of recordedRuns(CASE)) {
    if (run.command.startsWith('inspect --type task')) continue;
    sim.runUntil(SETTLE_MS + Math.round(run.t * 1000));
    const session = { nodeId: sessions[run.node]!, readFile };
    const output = runDockerCommand(sim.ctx, ['docker', ...words(run.command)], session);
    replayed.push({ ...run, sim: output });
  }
  return replayed;
}

/** The command's words: everything after `--format` is one template, as the script quoted it. */
function words(command: string): string[] {
  const at = command.indexOf(' --format ');
  const head = at < 0 ? command : command.slice(0, at);
  const list = head.split(' ').map((word) => (word === RECORDED_IMAGE ? 'busybox' : word));
  return at < 0 ? list : [...list, '--format', command.slice(at + ' --format '.length)];
}

/**
 * Replaces swarm IDs (25 base-36), engine IDs (64 and 12 hex), peer names and times with
 * numbered placeholders in order of appearance, so two outputs compare on their structure.
 */
export function normalise(text: string): string {
  const seen = new Map<string, string>();
  const tag = (kind: string) => (id: string) => {
    if (!seen.has(id)) seen.set(id, `<${kind}${seen.size}>`);
    return seen.get(id)!;
  };
  return text
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\b[0-9a-f]{64}\b/g, tag('hex'))
    .replace(/\b(?=[0-9a-z]*[0-9])(?=[0-9a-z]*[a-z])[0-9a-z]{25}\b/g, tag('id'))
    .replace(/^[0-9a-z]{12}(?= {3})/gm, tag('short'))
    .replace(/\b(?=[0-9a-z]*[0-9])[0-9a-z]{12}\b/g, tag('short'))
    .replace(/"IP": "[\d.]+"/g, '"IP": "<ip>"');
}
