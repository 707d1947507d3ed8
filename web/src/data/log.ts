/**
 * Reading a log in the browser: the same parser and checks as `swarmsim replay`
 * (src/engine/log-parse.ts; the fold's refusals come from timeline.ts). Only the hash differs:
 * src/engine/log.ts hashes with node:crypto, the browser with WebCrypto.
 */
import type { ParsedLog } from '../../../src/engine/log-parse.js';

export {
  LogFormatError as LogError,
  parseLog,
  type ParsedLog,
} from '../../../src/engine/log-parse.js';

/** True when the footer's `sha256:` matches the lines (WebCrypto, so it is asynchronous). */
export async function hashMatches(log: ParsedLog): Promise<boolean> {
  const text = log.hashedLines.map((line) => `${line}\n`).join('');
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex}` === log.footer.hash;
}
