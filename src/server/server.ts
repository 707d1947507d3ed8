/**
 * The viewer's web server for `swarmsim view`: node:http, serving the built viewer's files and
 * one log at `/log.ndjson`. It binds 127.0.0.1 unless told otherwise: a log can hold commands
 * and their output, which are nobody else's business.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readStatic } from './static.js';

/** What to serve and where. */
export interface ViewerServerOptions {
  /** The built viewer (vite's output: index.html and assets/). */
  webRoot: string;
  /** The log's text, already verified, and the name the page shows for it. */
  log: { name: string; text: string };
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A listening viewer server. */
export interface ViewerServer {
  /** `http://127.0.0.1:8377/`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts listening; rejects with the listen error (EADDRINUSE...) when it cannot. */
export function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const server = createServer((request, response) => {
    void respond(options, request, response).catch((error: unknown) => {
      send(response, 500, 'text/plain; charset=utf-8', `internal error: ${String(error)}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function respond(
  options: ViewerServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
    return;
  }
  const path = new URL(request.url ?? '/', 'http://viewer').pathname;
  if (path === '/log.ndjson') {
    // The name travels in a header so the page can show the file the user opened.
    response.setHeader('x-swarmsim-log', encodeURIComponent(options.log.name));
    send(response, 200, 'application/x-ndjson; charset=utf-8', options.log.text, request);
    return;
  }
  const file = await readStatic(options.webRoot, path === '/' ? '/index.html' : path);
  if (!file) {
    send(response, 404, 'text/plain; charset=utf-8', `not found: ${path}\n`);
    return;
  }
  send(response, 200, file.contentType, file.body, request);
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  request?: IncomingMessage,
): void {
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.setHeader('cache-control', 'no-store');
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(request?.method === 'HEAD' ? undefined : body);
}
