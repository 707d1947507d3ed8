/** The viewer's web server and `swarmsim view`: what they serve, and what they refuse. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { viewCommand } from '../../src/cli/view.js';
import { startViewerServer, type ViewerServer } from '../../src/server/server.js';
import { findWebRoot } from '../../src/server/web-root.js';
import { capturedIo, cli, ROOT, scratchDir } from '../cli/helpers.js';
import { scenarioLog } from '../web/helpers.js';

let webRoot = '';
let logText = '';
const open: ViewerServer[] = [];

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'swarmsim-webroot-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(tmpdir(), 'swarmsim-secret.txt'), 'secret');
  logText = await scenarioLog('scenarios/global.yaml');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function serve(): Promise<ViewerServer> {
  const server = await startViewerServer({
    webRoot,
    log: { name: 'runs/a b.ndjson', text: logText },
    host: '127.0.0.1',
    port: 0,
  });
  open.push(server);
  return server;
}

/** GET (or another method) with the path sent as written, `..` included. */
interface Answer {
  status: number;
  type: string;
  body: string;
  headers: Record<string, unknown>;
}

function fetchRaw(url: string, path: string, method = 'GET') {
  return new Promise<Answer>(
    (resolve, reject) => {
      const { hostname, port } = new URL(url);
      const req = request({ hostname, port, path, method }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type']),
            body,
            headers: response.headers,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('viewer server', () => {
  it('listens on 127.0.0.1 on the port it was given (0: a free one)', async () => {
    const server = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the page, its assets and the log with its name', async () => {
    const server = await serve();
    const page = await fetchRaw(server.url, '/');
    expect([page.status, page.type, page.body]).toEqual([
      200, 'text/html; charset=utf-8', '<!doctype html><title>viewer</title>',
    ]);
    const script = await fetchRaw(server.url, '/assets/app.js');
    expect(script.type).toBe('text/javascript; charset=utf-8');
    const log = await fetchRaw(server.url, '/log.ndjson');
    expect(log.body).toBe(logText);
    expect(log.type).toBe('application/x-ndjson; charset=utf-8');
    expect(decodeURIComponent(String(log.headers['x-swarmsim-log']))).toBe('runs/a b.ndjson');
  });

  it('answers 404 outside its folder and for folders, 405 to other methods', async () => {
    const server = await serve();
    const outside = ['/../swarmsim-secret.txt', '/%2e%2e/swarmsim-secret.txt', '/%2E%2E%2Fx'];
    for (const path of [...outside, '/assets', '/nope']) {
      expect((await fetchRaw(server.url, path)).status, path).toBe(404);
    }
    expect((await fetchRaw(server.url, '/', 'POST')).status).toBe(405);
    const head = await fetchRaw(server.url, '/log.ndjson', 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([
      200, '', String(Buffer.byteLength(logText)),
    ]);
  });
});

describe('swarmsim view', () => {
  function logFile(text: string): string {
    const file = join(scratchDir(), 'run.ndjson');
    writeFileSync(file, text);
    return file;
  }

  it('verifies the log, serves it and prints the URL', async () => {
    if (!findWebRoot()) return expect.fail('dist/web missing: run npm run build first');
    const captured = capturedIo(ROOT);
    let server: ViewerServer | undefined;
    const code = await viewCommand({ log: logFile(logText), port: '0' }, captured.io, (s) => {
      server = s;
      open.push(s);
    });
    expect(code).toBe(0);
    const [first, second] = captured.stdout().split('\n');
    expect(first).toMatch(/^swarmsim view: .*run\.ndjson \(\d+ events, hash verified\)$/);
    expect(second).toBe(`open ${server!.url} (Ctrl-C stops the server)`);
    expect((await fetchRaw(server!.url, '/log.ndjson')).body).toBe(logText);
    expect((await fetchRaw(server!.url, '/')).body).toContain('swarmsim viewer');
  });

  it('refuses a log replay refuses, with the same message, and starts no server', async () => {
    const lines = logText.trimEnd().split('\n');
    const truncated = logFile(lines.slice(0, -1).join('\n'));
    const viewed = await cli(['view', truncated, '--port', '0']);
    const replayed = await cli(['replay', truncated]);
    expect(viewed.code).toBe(1);
    expect(viewed.stderr).toBe(replayed.stderr);
    expect(viewed.stderr).toContain('the last line is not a footer: the log is truncated');
    expect(viewed.stdout).toBe('');
    const edited = logFile(logText.replace('"seed":', '"seed":1'));
    expect((await cli(['view', edited])).stderr).toContain('hash mismatch');
  });

  it('rejects bad arguments with usage errors', async () => {
    const file = logFile(logText);
    const cases: [string[], string][] = [
      [['view'], 'swarmsim: not enough non-option arguments: got 0, need at least 1'],
      [['view', file, '--port', '65536'], "--port must be a whole number from 0 to 65535, not '6"],
      [['view', file, '--port', 'http'], "from 0 to 65535, not 'http'"],
      [['view', file, '--host', ''], '--host needs an address'],
      [['view', join(scratchDir(), 'none.ndjson')], 'no such file or directory'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      const expected = [2, expect.stringContaining(message)];
      expect([result.code, result.stderr], args.join(' ')).toEqual(expected);
    }
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const result = await cli(['view', logFile(logText), '--port', String(port)]);
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `swarmsim: cannot listen on 127.0.0.1:${port}: the port is in use; pick another with ` +
        '--port (0: any free one)\n',
    );
  });

  it('is listed in the CLI help', async () => {
    const captured = capturedIo(ROOT);
    expect(await runCli(['--help'], captured.io)).toBe(0);
    expect(captured.stdout()).toContain('swarmsim view <log>');
  });
});
