/**
 * A lesson's `images:` names the images its lab's registry holds beyond swarmsim's catalogue,
 * as a scenario's `images:` and `swarmsim shell --image` do: a service of one of them runs
 * instead of being rejected `No such image`.
 */
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lesson/parse.js';
import { playLesson } from '../../src/lesson/play.js';
import { ScenarioError } from '../../src/scenario/errors.js';

const HEAD = `lesson: demo
title: {es: Demo, en: Demo}
`;

const STEPS = `steps:
  - run: docker swarm init
  - run: docker service create -d --name app myorg/app
    hides: ['could not be accessed']
  - run: sleep 30
  - check: [service app has 1/1 running]
`;

/** The located messages of a lesson that must not load. */
function problems(text: string): string[] {
  try {
    parseLesson(text, 'demo.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message.split('\n');
  }
  throw new Error('the lesson loaded');
}

async function play(text: string) {
  let stdout = '';
  const result = await playLesson(parseLesson(text, 'demo.yaml'), {
    language: 'en',
    columns: 80,
    stdout: (chunk) => void (stdout += chunk),
    stderr: (chunk) => void (stdout += chunk),
  });
  return { ...result, stdout };
}

describe('lesson images', () => {
  it('are read as a list of names, empty by default', () => {
    expect(parseLesson(`${HEAD}images: [myorg/app, registry.example.com/team/web]\n${STEPS}`,
      'demo.yaml').images).toEqual(['myorg/app', 'registry.example.com/team/web']);
    expect(parseLesson(`${HEAD}${STEPS}`, 'demo.yaml').images).toEqual([]);
  });

  it('make a declared image run in the lesson lab', async () => {
    const played = await play(`${HEAD}images: [myorg/app]\n${STEPS}`);
    expect(played.stdout).toContain('✓ service app has 1/1 running\n');
    expect(played.failed).toBe(0);
  });

  it('leave an undeclared image rejected, as on Docker Hub', async () => {
    const played = await play(`${HEAD}${STEPS}`);
    expect(played.stdout).toContain('✗ a line shows /could not be accessed/');
    expect(played.stdout).toContain('✗ service app has 1/1 running (saw: service app has 0/1');
  });

  it('report a tag, a misspelt key and a wrong type where they are written', () => {
    expect(problems(`${HEAD}images: [alpine, 'myorg/app:1.0']\n${STEPS}`)).toEqual([
      "demo.yaml:3:18: image 'myorg/app:1.0' has a tag or digest; " +
        'list images by name only, e.g. myorg/app',
    ]);
    const misspelt = problems(`${HEAD}imagse: [myorg/app]\n${STEPS}`);
    expect(misspelt).toHaveLength(1);
    expect(misspelt[0]).toMatch(/^demo\.yaml:3:1: unknown field 'imagse' .*did you mean 'images'/);
    expect(misspelt[0]).toContain('files, images, steps');
    const scalar = problems(`${HEAD}images: myorg/app\n${STEPS}`);
    expect(scalar).toHaveLength(1);
    expect(scalar[0]).toMatch(/^demo\.yaml:3:9: .*images.*; e\.g\. images: \[myorg\/app\]$/);
    // The scenario collector's example (a mapping of images) would mislead here.
    expect(problems(`${HEAD}images: ['']\n${STEPS}`)).toEqual([
      "demo.yaml:3:10: images[0] must be at least 1 character, not ''; e.g. images: [myorg/app]",
    ]);
  });
});
