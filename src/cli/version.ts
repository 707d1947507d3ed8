/** The package version, read once from package.json (two levels up from src/cli and dist/cli). */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** swarmsim's version, e.g. `0.1.0`. */
export function swarmsimVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../package.json', import.meta.url);
    cached = (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return cached;
}
