/**
 * The course's traffic lessons (10 exposed-outside, 11 routing-mesh) show what the notes
 * promise: each replica answers in turn, a node without tasks answers through the mesh, and six
 * replicas give six hostnames. A lesson's `shows` checks one line at a time; these compare the
 * answers of several steps, for two seeds.
 */
import { describe, expect, it } from 'vitest';
import { COURSE_DIR, lessonCommand } from '../../src/cli/lesson.js';
import { capturedIo } from '../cli/helpers.js';

/** Each `curl` line the lesson ran, with the hostname that answered (null when none did). */
async function curls(name: string, seed: number): Promise<[string, string | null][]> {
  const { io, stdout } = capturedIo(COURSE_DIR);
  const input = {
    stream: process.stdin, isTTY: false, columns: 80, output: process.stdout, lang: 'en',
  };
  const code = await lessonCommand({ name, yes: true, lang: 'en', seed: String(seed) }, io, input);
  expect(code).toBe(0);
  const lines = stdout().split('\n');
  return lines.flatMap((line, index) => {
    const prompt = /^\[(\w+)\] \$ (curl .*)$/.exec(line);
    if (!prompt) return [];
    const answer = /^Saludos desde (\w+)!$/.exec(lines[index + 1] ?? '');
    return [[`${prompt[1]}: ${prompt[2]}`, answer ? answer[1]! : null]];
  });
}

for (const seed of [1, 7]) {
  describe(`traffic in the course lessons (seed ${seed})`, () => {
    it('exposed-outside: replicas answer in turn, the fourth repeats the first', async () => {
      const seen = await curls('exposed-outside', seed);
      const local = seen.filter(([line]) => line === 'manager1: curl localhost:3000');
      const names = local.map(([, name]) => name);
      expect(names).toHaveLength(4);
      expect(new Set(names.slice(0, 3)).size).toBe(3);
      expect(names[3]).toBe(names[0]);
    });

    it('routing-mesh: worker1 answers through the mesh; six replicas, six hostnames', async () => {
      const seen = await curls('routing-mesh', seed);
      const worker = seen.filter(([line]) => line === 'worker1: curl localhost:3000');
      expect(worker.map(([, name]) => name).every((name) => name !== null)).toBe(true);
      expect(new Set(worker.map(([, name]) => name)).size).toBe(2);
      const six = seen.filter(([line]) => line === 'manager1: curl http://manager1:3000/');
      expect(six).toHaveLength(6);
      expect(new Set(six.map(([, name]) => name)).size).toBe(6);
    });
  });
}
