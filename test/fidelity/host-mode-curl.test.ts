/**
 * swarmsim's curl against the real swarm's (test/fixtures/real-docker-multinode/host-mode-curl:
 * Engine 20.10, 1 manager + 1 worker, curl 7.88.1, whose messages are curl 8's): busybox
 * `httpd -f` published in host mode answers on its node only, a host port whose container
 * listens on nothing resets on 127.0.0.1, an unpublished port is refused, an address nobody has
 * fails after ARP gives up, -m and unknown names. The real nodes are 10.231.0.1K, the lab's
 * 192.168.0.1K; Date headers and connect times (a few ms) are not compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, session } from '../shell/helpers.js';

const FIXTURE = join(
  import.meta.dirname, '..', 'fixtures', 'real-docker-multinode', 'host-mode-curl', 'output.txt',
);

interface Recorded {
  node: number;
  args: string;
  output: string[];
  exitCode: number;
}

/** The curl commands of the recording, with what they printed (progress meter left out). */
function recordedCurls(): Recorded[] {
  const found: Recorded[] = [];
  let current: Recorded | null = null;
  let node = 0;
  for (const line of readFileSync(FIXTURE, 'utf8').split('\n')) {
    const header = /^# t=\S+ node(\d) \(took \S+\)$/.exec(line);
    const command = /^\$ curl (.*)$/.exec(line);
    const exit = /^\[exit (\d+)\]$/.exec(line);
    if (header) node = Number(header[1]);
    else if (command) current = { node, args: command[1]!, output: [], exitCode: -1 };
    else if (exit && current) {
      found.push({ ...current, exitCode: Number(exit[1]) });
      current = null;
    } else if (current) current.output.push(...meterless(line));
  }
  return found;
}

/** A recorded line without curl's progress meter (drawn with \r on the same line). */
function meterless(line: string): string[] {
  if (/^ +% Total|^ +Dload/.test(line)) return [];
  const error = line.indexOf('curl: (');
  if (line.includes('--:--')) return error >= 0 ? [line.slice(error)] : [];
  return [line];
}

// The wire's CRLF shows as a line end on a terminal, which is what swarmsim prints.
const normalise = (line: string) =>
  line
    .replace(/\r$/, '')
    .replace(/^Date: .*/, 'Date: *')
    .replace(/after \d+ ms/, 'after N ms')
    .replaceAll('10.231.0.', '192.168.0.');

describe('real swarm: host-mode publishing seen with curl', () => {
  const shell = session({ managers: 1, workers: 1 });
  const publish = (name: string, port: number, command: string) =>
    `docker service create -d --name ${name} --constraint node.role==manager ` +
    `--publish mode=host,published=${port},target=80 busybox ${command}`;
  run(shell, publish('web', 8080, 'httpd -f -p 80'), publish('quiet', 8082, 'sleep 1d'), 'sleep 5');
  const machines = ['manager1', 'worker1'];
  // The `-h /www` server serves a file of the recording's own image: not modelled.
  const cases = recordedCurls().filter((each) => !each.args.includes(':8081'));

  it('recorded the cases this test compares', () => {
    expect(cases.length).toBe(11);
  });

  for (const recorded of cases) {
    it(`node${recorded.node}: curl ${recorded.args}`, () => {
      run(shell, `sim node ${machines[recorded.node - 1]}`);
      const line = `curl ${recorded.args.replaceAll('10.231.0.', '192.168.0.')}`;
      const output = run(shell, line);
      const lines = `${output.stdout}${output.stderr}`.split('\n');
      // The recording ends each output with a newline of its own.
      if (lines.at(-1) === '' && lines.length > 1) lines.pop();
      expect(lines.map(normalise)).toEqual(recorded.output.map(normalise));
      expect(output.exitCode).toBe(recorded.exitCode);
    });
  }
});
