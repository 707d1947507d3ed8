/** `curl` in the shell: curl 8's options, output and errors, over the simulated network. */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/shell/completion.js';
import { parseCurlUrl, PWD_SESSION, pwdUrl } from '../../src/shell/curl-url.js';
import { SIM_EPOCH_UNIX_MS } from '../../src/dockercli/clock.js';
import { imfDate } from '../../src/network/http-responses.js';
import { run, session } from './helpers.js';

const LAB = { managers: 3, workers: 2 };

function withApp(extra = '') {
  const shell = session(LAB);
  run(
    shell,
    `docker service create -d --name app -p 3000:3000 ${extra} juaneme8/swarm-hostname`,
    'sleep 15',
  );
  return shell;
}

describe('curl output', () => {
  it('prints the express body without a newline, and express headers with -i', () => {
    const shell = withApp();
    const body = run(shell, 'curl http://localhost:3000/').stdout;
    expect(body).toMatch(/^Saludos desde [0-9a-f]{12}!$/);
    const length = Buffer.byteLength(body);
    const lines = run(shell, 'curl -i localhost:3000').stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'HTTP/1.1 200 OK',
      'X-Powered-By: Express',
      'Content-Type: text/html; charset=utf-8',
      `Content-Length: ${length}`,
    ]);
    expect(lines[4]).toMatch(new RegExp(`^ETag: W/"${length.toString(16)}-[\\w+/]{27}"$`));
    expect(lines[5]).toBe('Date: Wed, 01 Jan 2025 00:00:15 GMT');
    expect(lines.slice(6)).toEqual(['Connection: keep-alive', '', body]);
  });

  it('sends HEAD with -I: headers and the blank line, no body', () => {
    const shell = session();
    run(shell, 'docker run -d -p 80:80 nginx', 'sleep 5');
    const output = run(shell, 'curl -I localhost');
    expect(output.stdout.split('\n')).toEqual([
      'HTTP/1.1 200 OK',
      'Server: nginx/1.27.4',
      `Date: ${imfDate(SIM_EPOCH_UNIX_MS + shell.simulation.now)}`,
      'Content-Type: text/html',
      'Content-Length: 615',
      'Last-Modified: Wed, 05 Feb 2025 11:06:32 GMT',
      'Connection: keep-alive',
      'ETag: "67a34638-267"',
      'Accept-Ranges: bytes',
      '',
      '',
    ]);
  });

  it('uses the --hostname template of the service for the container hostname', () => {
    const shell = withApp('--hostname "{{.Node.Hostname}}-{{.Task.Slot}}"');
    expect(run(shell, 'curl -s localhost:3000').stdout).toBe('Saludos desde manager1-1!');
  });

  it('answers 404 pages for other paths', () => {
    const shell = withApp();
    const page = run(shell, 'curl -s localhost:3000/nope').stdout;
    expect(page).toContain('<pre>Cannot GET /nope</pre>');
  });
});

describe('curl errors', () => {
  it('says it cannot resolve a service name, with a hint', () => {
    const shell = withApp();
    expect(run(shell, 'curl -s app:3000').stderr).toBe(
      'swarmsim: app is a service; a machine reaches it through a published port of any node ' +
        '(curl localhost:PORT)\n',
    );
  });

  it('says it cannot resolve a name, quietly with -s and again with -sS', () => {
    const shell = session(LAB);
    expect(run(shell, 'curl http://app:3000/')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: app\n',
      exitCode: 6,
    });
    expect(run(shell, 'curl -s app:3000')).toEqual({ stdout: '', stderr: '', exitCode: 6 });
    expect(run(shell, 'curl -sS app:3000').stderr).toBe('curl: (6) Could not resolve host: app\n');
  });

  it('refuses bad command lines as curl does', () => {
    const shell = session();
    const tryHelp = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    expect(run(shell, 'curl')).toEqual({ stdout: '', stderr: tryHelp, exitCode: 2 });
    expect(run(shell, 'curl -s').stderr).toBe(`curl: no URL specified!\n${tryHelp}`);
    expect(run(shell, 'curl http://a:99999/')).toEqual({
      stdout: '',
      stderr: 'curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n',
      exitCode: 3,
    });
    const unknown = `curl: option --bogus: is unknown\n${tryHelp}`;
    expect(run(shell, 'curl --bogus x').stderr).toBe(unknown);
    expect(run(shell, 'curl -m soon x').stderr).toBe(
      `curl: option -m: expected a proper numerical parameter\n${tryHelp}`,
    );
    expect(run(shell, 'curl -o page.html localhost').stderr).toMatch(/^swarmsim: curl: option -o/);
  });

  it('times out after 127 s of SYN retries without --max-time', () => {
    const shell = withApp();
    run(shell, 'sim partition manager1 manager2');
    const before = shell.simulation.now;
    expect(run(shell, 'curl manager2:3000').stderr).toBe(
      'curl: (28) Failed to connect to manager2 port 3000 after 127000 ms: ' +
        "Couldn't connect to server\n",
    );
    expect(shell.simulation.now - before).toBe(127_000);
  });
});

describe("Play with Docker's public URLs", () => {
  const NOTES_URL =
    'http://ip172-18-0-42-c95kqog9jotg0089379g-3000.direct.labs.play-with-docker.com/';

  it('answers the notes URL as an unreachable host, with a hint naming this lab\'s URL', () => {
    const shell = withApp();
    const output = run(shell, `curl ${NOTES_URL}`);
    expect(output.exitCode).toBe(7);
    const [error, hint] = output.stderr.split('\n');
    expect(error).toBe(
      'curl: (7) Failed to connect to ip172-18-0-42-c95kqog9jotg0089379g-3000.direct.labs.' +
        "play-with-docker.com port 80 after 3000 ms: Couldn't connect to server",
    );
    const mine = pwdUrl(shell.machines[0]!, 3000)!;
    expect(hint).toBe(
      `swarmsim: that URL names no instance of this lab; manager1's port 3000 is ${mine}`,
    );
    expect(mine).toBe(`http://ip172-18-0-11-${PWD_SESSION}-3000.direct.labs.play-with-docker.com/`);
    expect(run(shell, `curl -s ${mine}`).stdout).toMatch(/^Saludos desde \w{12}!$/);
  });

  it('has a 20-character session id in PWD\'s alphabet', () => {
    expect(PWD_SESSION).toMatch(/^[0-9a-v]{20}$/);
  });

  it('refuses a URL of this lab\'s instance in another session', () => {
    const shell = withApp();
    const other = pwdUrl(shell.machines[1]!, 3000)!.replace(PWD_SESSION, 'c95kqog9jotg0089379g');
    expect(run(shell, `curl -s ${other}`).exitCode).toBe(7);
  });
});

describe('curl helpers', () => {
  it('splits URLs as curl reads them', () => {
    expect(parseCurlUrl('localhost:3000')).toEqual({
      scheme: 'http', host: 'localhost', port: 3000, path: '/',
    });
    expect(parseCurlUrl('http://192.168.0.13/x?y')).toEqual({
      scheme: 'http', host: '192.168.0.13', port: 80, path: '/x?y',
    });
  });

  it('formats HTTP dates from Unix ms', () => {
    expect(imfDate(0)).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(imfDate(1_709_210_096_000)).toBe('Thu, 29 Feb 2024 12:34:56 GMT');
  });

  it('completes curl and its URLs', () => {
    expect(complete('cu')).toEqual([['curl '], 'cu']);
    const url = complete('curl http://wor', { machines: ['worker1'] });
    expect(url).toEqual([['http://worker1:'], 'http://wor']);
  });
});
