import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lessonCommand, type LessonArgs, type LessonInput } from '../../src/cli/lesson.js';
import { capturedIo, cli } from '../cli/helpers.js';

/** Plays through lessonCommand with a fake terminal; `lang` is the LANG variable. */
function terminal(lang: string | undefined = 'en_US.UTF-8') {
  const stream = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const input: LessonInput = { stream, isTTY: true, columns: 80, output, lang };
  const { io, stdout, stderr } = capturedIo('.');
  const play = (args: LessonArgs) => lessonCommand(args, io, input);
  /** Waits until the screen has shown `prompt` `count` times, then types `keys`. */
  const type = async (count: number, prompt: string, keys: string) => {
    // readline moves the cursor between the prompt and the offered command: read it plain.
    const shown = () => screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split(prompt).length - 1;
    for (let tries = 0; shown() < count; tries += 1) {
      if (tries > 1000) throw new Error(`no prompt #${count}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    stream.write(keys);
  };
  return { play, type, stream, out: stdout, err: stderr, screen: () => screen };
}

describe('swarmsim lesson', () => {
  it('lists the course: number, name and title in the chosen language', async () => {
    const en = await cli(['lesson', '--lang', 'en']);
    expect(en.stdout).toMatch(/^NUMBER +NAME +TITLE\n/);
    expect(en.stdout).toMatch(/\n01 +init-and-nodes +Start a swarm and look at its nodes\n/);
    expect(en.stdout).toMatch(/\n02 +first-service +Your first service\n/);
    const es = await cli(['lesson', '--lang', 'es']);
    expect(es.stdout).toMatch(/\n03 +service-lifecycle +Ciclo de vida de un servicio\n/);
  });

  it('finds a lesson by name, number or zero-padded number', async () => {
    for (const name of ['first-service', '2', '02']) {
      const result = await cli(['lesson', name, '--yes', '--lang', 'en']);
      expect(result.stdout).toMatch(/^Your first service\n/);
      expect(result.code).toBe(0);
    }
  });

  it('names the lessons there are when asked for an unknown one', async () => {
    const result = await cli(['lesson', 'swarm-magic', '--yes']);
    expect(result.stderr).toMatch(
      /^swarmsim: unknown lesson 'swarm-magic'; lessons: init-and-nodes, first-service, /,
    );
    expect(result.code).toBe(2);
    expect((await cli(['lesson', '99', '--yes'])).code).toBe(2);
  });

  it('rejects a language it has no narration in', async () => {
    const result = await cli(['lesson', '1', '--lang', 'fr']);
    expect(result.stderr).toBe("swarmsim: --lang must be es or en, not 'fr'\n");
    expect(result.code).toBe(2);
  });

  it('narrates in Spanish when LANG starts with es, else in English', async () => {
    const es = terminal('es_AR.UTF-8');
    expect(await es.play({ name: '1', yes: true })).toBe(0);
    expect(es.out()).toMatch(/^Iniciar un swarm y ver sus nodos\n/);
    const en = terminal(undefined);
    expect(await en.play({ name: '1', yes: true })).toBe(0);
    expect(en.out()).toMatch(/^Start a swarm and look at its nodes\n/);
  });
});

describe('an interactive lesson', () => {
  it('offers each command, runs the learner’s own lines between, and quits on q', async () => {
    const shell = terminal();
    const done = shell.play({ name: '2' });
    await shell.type(1, '[manager1] $ docker swarm init', '\r');
    // Ctrl-U clears the offered command; the learner's line runs in the same session.
    await shell.type(1, '[manager1] $ docker service create', '\x15docker node ls\r');
    await shell.type(2, '[manager1] $ docker service create', '\x15q\r');
    expect(await done).toBe(0);
    expect(shell.out()).toContain('Swarm initialized: current node');
    expect(shell.out()).toMatch(/\nID +HOSTNAME +STATUS .*\n\w+ \* +manager1 +Ready +Active/);
    expect(shell.out()).not.toContain('overall progress');
    expect(shell.out()).not.toMatch(/checks, \d+ failed/);
  });

  it('quits with status 0 at the end of input', async () => {
    const shell = terminal();
    const done = shell.play({ name: '1' });
    await shell.type(1, '[manager1] $ docker info', '');
    shell.stream.end();
    expect(await done).toBe(0);
    expect(shell.out()).toContain('Press Enter to run each command.');
  });
});

describe('a lesson event log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swarmsim-lesson-log-'));

  it('is written by `run LESSON --out`, the same bytes for the same seed, and replays', async () => {
    const first = join(dir, 'a.ndjson');
    const second = join(dir, 'b.ndjson');
    const lesson = 'scenarios/course/05-scaling.yaml';
    expect((await cli(['run', lesson, '--out', first, '--seed', '3'])).code).toBe(0);
    expect((await cli(['lesson', lesson, '--yes', '--out', second, '--seed', '3'])).code).toBe(0);
    const text = readFileSync(first, 'utf8');
    expect(readFileSync(second, 'utf8')).toBe(text);
    const events = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ kind: 'header', seed: 3, scenario: lesson });
    // Every typed line is in the log with what it printed, and every check with its verdict.
    expect(events).toContainEqual(expect.objectContaining({
      type: 'shell/commandRan',
      machine: 'manager1',
      command: 'docker service scale pinger=5',
      exitCode: 0,
    }));
    expect(events).toContainEqual(expect.objectContaining({
      type: 'scenario/expectationChecked',
      expectation: 'service pinger has 2 tasks on worker2',
      passed: true,
    }));
    const replay = await cli(['replay', first]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/hash verified/);
  });

  it('refuses the scenario-only flags for a lesson, before playing it', async () => {
    const result = await cli(['run', 'scenarios/course/05-scaling.yaml', '--until', '1m']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/--until applies to scenarios, not lessons/);
  });

  it('is not left half-written when the directory cannot be written', async () => {
    const out = join(dir, 'missing', 'x.ndjson');
    const result = await cli(['lesson', '5', '--yes', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^swarmsim: cannot write .*x\.ndjson: /);
    expect(existsSync(out)).toBe(false);
  });
});
