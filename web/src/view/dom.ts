/** Small DOM helpers shared by the views. */

/** The element with `id`; throws when index.html lacks it (a programming error). */
export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as unknown as T;
}

/** Shows `text` in the message bar, as an error or as information; empty hides it. */
export function showMessage(text: string, kind: 'error' | 'info' = 'error'): void {
  const bar = byId('message');
  bar.textContent = text;
  bar.className = `message ${kind}`;
  bar.hidden = text === '';
}
