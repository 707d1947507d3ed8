/** Reading the built viewer's files for the server, never outside its folder. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A file to send. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** The file at URL path `path` under `root`, or null when there is none (or it would escape). */
export async function readStatic(root: string, path: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const base = resolve(root);
  // join() folds `..` away, so a path that climbs out no longer starts with the root.
  const file = join(base, decoded);
  if (decoded.includes('\0') || !file.startsWith(base + sep)) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    const body = await readFile(file);
    return { body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
