/** Dockerfile parsing and the image config its instructions give (the legacy builder's rules). */
import { describe, expect, it } from 'vitest';
import { applyInstruction, commandForm, parseDockerfile } from '../../src/dockercli/dockerfile.js';
import { emptyConfig } from '../../src/dockercli/image-store.js';

describe('parseDockerfile', () => {
  it('joins continued lines, skips comments and upper-cases keywords', () => {
    const text = '# app\nfrom alpine\n\nRUN echo a \\\n  && echo b\ncmd ["sh"]\n';
    const parsed = parseDockerfile(text);
    expect(parsed).toEqual({
      instructions: [
        { keyword: 'FROM', args: 'alpine', original: 'from alpine', line: 2 },
        { keyword: 'RUN', args: 'echo a && echo b', original: 'RUN echo a && echo b', line: 4 },
        { keyword: 'CMD', args: '["sh"]', original: 'cmd ["sh"]', line: 6 },
      ],
    });
  });

  it("answers the daemon's parse errors with the line", () => {
    expect(parseDockerfile('FROM a\nFOO bar')).toEqual({
      error: 'dockerfile parse error line 2: unknown instruction: FOO',
    });
    expect(parseDockerfile('FROM a\nWORKDIR')).toEqual({
      error: 'dockerfile parse error line 2: WORKDIR requires exactly one argument',
    });
    expect(parseDockerfile('FROM a\nCOPY x')).toMatchObject({
      error: expect.stringMatching(/^dockerfile parse error line 2: COPY requires at least two/),
    });
  });
});

describe('the image config', () => {
  const apply = (lines: string[]) => {
    const parsed = parseDockerfile(lines.join('\n'));
    if ('error' in parsed) throw new Error(parsed.error);
    let config = emptyConfig();
    let cmdSet = false;
    for (const instruction of parsed.instructions) {
      config = applyInstruction(config, instruction, cmdSet);
      cmdSet ||= instruction.keyword === 'CMD';
    }
    return config;
  };

  it('runs the shell form of CMD under /bin/sh -c, and the exec form as written', () => {
    expect(commandForm('echo $HOME')).toEqual(['/bin/sh', '-c', 'echo $HOME']);
    expect(commandForm('["node", "index.js"]')).toEqual(['node', 'index.js']);
    expect(commandForm('[not json')).toEqual(['/bin/sh', '-c', '[not json']);
  });

  it('keeps ENV, EXPOSE, WORKDIR, USER, LABEL; ENTRYPOINT resets an inherited CMD', () => {
    const config = apply([
      'FROM a', 'ENV A=1 B="two words"', 'ENV A 3', 'EXPOSE 80 53/udp', 'WORKDIR /srv',
      'WORKDIR app', 'USER nobody', 'LABEL k=v', 'ENTRYPOINT ["/run.sh"]',
    ]);
    expect(config).toEqual({
      ...emptyConfig(),
      env: ['A=3', 'B=two words'],
      exposedPorts: ['53/udp', '80/tcp'],
      workingDir: '/srv/app',
      user: 'nobody',
      labels: { k: 'v' },
      entrypoint: ['/run.sh'],
    });
    expect(apply(['FROM a', 'CMD ["x"]', 'ENTRYPOINT ["/e"]']).cmd).toEqual(['x']);
  });
});
