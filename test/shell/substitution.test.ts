/**
 * POSIX command substitution in swarmsim shell: `$(COMMAND)` runs COMMAND on the machine the
 * user is on and is replaced by its output without trailing newlines; unquoted it splits into
 * words, inside double quotes it stays one; single quotes and backslashes keep it literal.
 */
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/dockercli/command.js';
import { splitShellWords } from '../../src/dockercli/shlex.js';
import { ShellSession } from '../../src/shell/session.js';
import { substituteCommands } from '../../src/shell/substitute.js';

/** A fake machine: `say TEXT` prints TEXT (escapes \n), `warn` prints on stderr. */
function run(command: string): CommandOutput {
  const [verb = '', ...rest] = command.trim().split(' ');
  const text = rest.join(' ').replaceAll('\\n', '\n');
  if (verb === 'warn') return { stdout: 'ok\n', stderr: 'careful\n', exitCode: 0 };
  if (verb === 'quotes') return { stdout: `it's "x"\n`, stderr: '', exitCode: 0 };
  return { stdout: `${text}\n\n`, stderr: '', exitCode: verb === 'say' ? 0 : 1 };
}

/** The words the shell ends up with, or the error. */
function words(line: string): string[] | string {
  const done = substituteCommands(line, run);
  if ('error' in done) return done.error;
  const split = splitShellWords(done.line);
  return 'error' in split ? split.error : split.value;
}

describe('command substitution, on its own', () => {
  it('replaces $(...) by the output, trailing newlines removed', () => {
    expect(words('docker swarm join --token $(say SWMTKN-1-abc) 192.168.0.11:2377')).toEqual([
      'docker', 'swarm', 'join', '--token', 'SWMTKN-1-abc', '192.168.0.11:2377',
    ]);
    expect(words('x$(say a)y')).toEqual(['xay']);
  });

  it('splits unquoted output into words and keeps quoted output whole', () => {
    expect(words('rm $(say a b\\nc)')).toEqual(['rm', 'a', 'b', 'c']);
    expect(words('echo "$(say a  b)"')).toEqual(['echo', 'a  b']);
    expect(words('echo $(say)')).toEqual(['echo']);
    // Blanks at the edge of the output still separate it from the text beside it.
    expect(words('x$(say  a)')).toEqual(['x', 'a']);
    expect(words('echo "$(say)"')).toEqual(['echo', '']);
    // Quotes in the output are data, not shell syntax.
    expect(words('echo $(quotes)')).toEqual(['echo', "it's", '"x"']);
    expect(words('echo "$(quotes)"')).toEqual(['echo', `it's "x"`]);
  });

  it('leaves $( literal in single quotes, after a backslash, and in a comment', () => {
    expect(words("echo '$(say a)'")).toEqual(['echo', '$(say a)']);
    expect(words('echo \\$(say a)')).toEqual(['echo', '$(say', 'a)']);
    expect(words('echo # $(nope)')).toEqual(['echo']);
  });

  it('finds the closing parenthesis past quotes and nested parentheses', () => {
    expect(words("echo $(say '(x)')")).toEqual(['echo', "'(x)'"]);
    expect(words('echo $(say (a) b)')).toEqual(['echo', '(a)', 'b']);
  });

  it('collects what the inner commands printed on stderr', () => {
    const done = substituteCommands('a $(warn) b', run);
    expect(done).toEqual({ line: "a 'ok' b", stderr: 'careful\n' });
  });

  it('refuses an unclosed $( as the shell refuses an unclosed quote', () => {
    expect(words('docker swarm join --token $(docker swarm join-token -q worker')).toBe(
      'EOF found when expecting closing parenthesis',
    );
  });
});

describe('command substitution in swarmsim shell', () => {
  it('runs the inner command on the machine the user is on', () => {
    const shell = new ShellSession({ seed: 3, managers: 1, workers: 1, preformed: false });
    expect(shell.execute('docker swarm init --advertise-addr 192.168.0.11').exitCode).toBe(0);
    // On worker1 `join-token` runs on worker1, which is no manager: its error is printed, the
    // token is empty, and docker refuses the join line without one.
    shell.execute('sim node worker1');
    const join = 'docker swarm join --token $(docker swarm join-token -q worker) 192.168.0.11:2377';
    const refused = shell.execute(join);
    expect(refused.stderr).toMatch(/^Error response from daemon: This node is not a swarm manager/);
    expect(refused.exitCode).not.toBe(0);
    expect(shell.simulation.state.nodeIds).toHaveLength(1);
  });

  it('passes each word of the output as an argument', () => {
    const shell = new ShellSession({ seed: 3, managers: 1, workers: 2, preformed: true });
    const out = shell.execute(
      'docker node inspect --format {{.Description.Hostname}} ' +
        '$(docker node ls -q --filter role=worker)',
    );
    expect(out).toEqual({ stdout: 'worker1\nworker2\n', stderr: '', exitCode: 0 });
  });

  it('substitutes into a docker command and prints the inner stderr first', () => {
    const shell = new ShellSession({ seed: 3, managers: 1, workers: 1, preformed: true });
    shell.execute('docker service create -d --name web nginx');
    const id = shell.execute('docker service ls -q').stdout.trim();
    const out = shell.execute(
      'docker service inspect --format {{.Spec.Name}} $(docker service ls -q)',
    );
    expect(out).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(id).toMatch(/^\w{12}$/);
    const noisy = shell.execute('docker service ps $(docker service ps nosuch) web');
    expect(noisy.stderr.startsWith('no such service: nosuch\n')).toBe(true);
  });

  it('refuses an unclosed $( like an unclosed quote: exit 2, nothing run', () => {
    const shell = new ShellSession({ seed: 3, managers: 1, workers: 1, preformed: true });
    expect(shell.execute('docker service create --name x $(echo')).toEqual({
      stdout: '',
      stderr: 'swarmsim: EOF found when expecting closing parenthesis\n',
      exitCode: 2,
    });
    expect(shell.execute('docker service ls "x')).toEqual({
      stdout: '',
      stderr: 'swarmsim: EOF found when expecting closing quote\n',
      exitCode: 2,
    });
    expect(shell.simulation.state.serviceIds).toEqual([]);
  });
});
