/** Where the built viewer is: dist/web next to the compiled CLI, or from a source checkout. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the built viewer's index.html, or null when it was not built. Compiled,
 * this file is dist/server/web-root.js and the viewer dist/web; run from src/ with tsx, the
 * viewer is still the build's dist/web.
 */
export function findWebRoot(): string | null {
  const candidates = ['../web/', '../../dist/web/'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((folder) => existsSync(`${folder}index.html`)) ?? null;
}
