/**
 * The HTTP replies of the servers swarmsim knows (http-servers.ts), byte for byte as their real
 * programs send them: status line, headers in the server's order, body. Dates come from virtual
 * time (SIM_EPOCH + now), so a replay prints the same headers.
 *
 * - Express 4.16 on node 10 (the course's `juaneme8/swarm-hostname`, FROM node:10): `res.send`
 *   of a string adds X-Powered-By, a utf-8 Content-Type, Content-Length and a weak ETag (length
 *   in hex and the body's SHA-1 in base64, cut to 27 characters). Node 10 sends
 *   `Connection: keep-alive` but not yet `Keep-Alive: timeout=5`, which node 14.? added.
 *   An unknown path gets finalhandler's `Cannot GET /path` page.
 * - nginx: its stock welcome page (615 bytes) with Last-Modified and ETag of the file.
 * - Apache httpd 2.4: the stock `It works!` index (45 bytes).
 */
import { createHash } from 'node:crypto';
import { SIM_EPOCH_UNIX_MS } from '../dockercli/clock.js';
import type { SimTime } from '../model/types.js';

/** A request as the servers see it. */
export interface HttpRequest {
  method: 'GET' | 'HEAD';
  path: string;
  /** Virtual time of the request, ms. */
  at: SimTime;
}

/** A reply: status, headers in the order sent, body (empty for HEAD). */
export interface HttpReply {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** Versions the stock replies name (Server header, error pages). */
export const NGINX_VERSION = '1.27.4';
export const HTTPD_VERSION = '2.4.63';

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 9110's IMF-fixdate of Unix ms, e.g. `Wed, 01 Jan 2025 00:00:05 GMT`. */
export function imfDate(unixMs: number): string {
  const days = Math.floor(unixMs / 86_400_000);
  const secondsOfDay = Math.floor(unixMs / 1000) - days * 86_400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) -
    Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = [Math.floor(secondsOfDay / 3600), Math.floor(secondsOfDay / 60) % 60,
    secondsOfDay % 60].map(two).join(':');
  const weekday = DAYS[((days % 7) + 7) % 7]!;
  return `${weekday}, ${two(day)} ${MONTHS[month - 1]!} ${year} ${time} GMT`;
}

/** The Date header of a reply sent at virtual time `at`. */
function dateAt(at: SimTime): string {
  return imfDate(SIM_EPOCH_UNIX_MS + at);
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function reply(request: HttpRequest, status: number, headers: [string, string][], body: string) {
  const reason = status === 200 ? 'OK' : 'Not Found';
  return { status, reason, headers, body: request.method === 'HEAD' ? '' : body };
}

/** Express's `res.send(text)` on `/`, finalhandler's 404 page elsewhere. */
export function expressReply(request: HttpRequest, text: string): HttpReply {
  const date: [string, string] = ['Date', dateAt(request.at)];
  const keepAlive: [string, string] = ['Connection', 'keep-alive'];
  if (request.path !== '/') {
    // Express routes HEAD like GET, so its 404 names GET.
    const body = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
      `<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET ${request.path}</pre>\n` +
      '</body>\n</html>\n';
    return reply(request, 404, [
      ['X-Powered-By', 'Express'],
      ['Content-Security-Policy', "default-src 'none'"],
      ['X-Content-Type-Options', 'nosniff'],
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', String(bytes(body))],
      date,
      keepAlive,
    ], body);
  }
  const hash = createHash('sha1').update(text, 'utf8').digest('base64').slice(0, 27);
  return reply(request, 200, [
    ['X-Powered-By', 'Express'],
    ['Content-Type', 'text/html; charset=utf-8'],
    ['Content-Length', String(bytes(text))],
    ['ETag', `W/"${bytes(text).toString(16)}-${hash}"`],
    date,
    keepAlive,
  ], text);
}

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** When the image's index.html was written (its Last-Modified), Unix seconds. */
const NGINX_INDEX_MTIME_S = 1_738_753_592;

/** nginx's stock site: the welcome page on `/` and `/index.html`, its 404 page elsewhere. */
export function nginxReply(request: HttpRequest): HttpReply {
  const server: [string, string] = ['Server', `nginx/${NGINX_VERSION}`];
  const date: [string, string] = ['Date', dateAt(request.at)];
  if (request.path !== '/' && request.path !== '/index.html') {
    const body = '<html>\n<head><title>404 Not Found</title></head>\n<body>\n' +
      `<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/${NGINX_VERSION}</center>\n` +
      '</body>\n</html>\n';
    return reply(request, 404, [server, date, ['Content-Type', 'text/html'],
      ['Content-Length', String(bytes(body))], ['Connection', 'keep-alive']], body);
  }
  const size = bytes(NGINX_WELCOME);
  return reply(request, 200, [
    server,
    date,
    ['Content-Type', 'text/html'],
    ['Content-Length', String(size)],
    ['Last-Modified', imfDate(NGINX_INDEX_MTIME_S * 1000)],
    ['Connection', 'keep-alive'],
    ['ETag', `"${NGINX_INDEX_MTIME_S.toString(16)}-${size.toString(16)}"`],
    ['Accept-Ranges', 'bytes'],
  ], NGINX_WELCOME);
}

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

/** Apache httpd's stock htdocs: `It works!` on `/`, its 404 page elsewhere. */
export function httpdReply(request: HttpRequest): HttpReply {
  const date: [string, string] = ['Date', dateAt(request.at)];
  const server: [string, string] = ['Server', `Apache/${HTTPD_VERSION} (Unix)`];
  if (request.path !== '/' && request.path !== '/index.html') {
    const body = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n' +
      '<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n' +
      '<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    return reply(request, 404, [date, server, ['Content-Length', String(bytes(body))],
      ['Content-Type', 'text/html; charset=iso-8859-1']], body);
  }
  return reply(request, 200, [
    date,
    server,
    ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'],
    ['ETag', '"2d-432a5e4a73a80"'],
    ['Accept-Ranges', 'bytes'],
    ['Content-Length', String(bytes(HTTPD_INDEX))],
    ['Content-Type', 'text/html'],
  ], HTTPD_INDEX);
}

/** The visualizer's page (its index.html, shortened to what identifies it), served by express. */
export function visualizerReply(request: HttpRequest): HttpReply {
  const page = '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n' +
    '<title>Visualizer</title>\n</head>\n<body>\n<div id="app"></div>\n' +
    '<script src="app.js"></script>\n</body>\n</html>\n';
  return expressReply(request, page);
}

/** The reply as it travels on the wire before the body: status line and headers, CRLF-ended. */
export function headerBlock(reply: HttpReply): string {
  const lines = [`HTTP/1.1 ${reply.status} ${reply.reason}`,
    ...reply.headers.map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
