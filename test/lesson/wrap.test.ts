import { describe, expect, it } from 'vitest';
import { wrapNarration } from '../../src/lesson/wrap.js';

describe('narration wrapping', () => {
  it('re-flows paragraphs to the width and keeps one blank line between them', () => {
    const text = 'The manager schedules\na task on a node.\n\n\n\nThe node   reports back.\n';
    expect(wrapNarration(text, 24)).toBe(
      'The manager schedules a\ntask on a node.\n\nThe node reports back.\n',
    );
  });

  it('wraps list items under their text and keeps indented code as written', () => {
    const text = '- Ready: the node answers heartbeats\n- Active: it takes tasks\n\n' +
      '    docker node ls   --format x\n';
    expect(wrapNarration(text, 22)).toBe(
      '- Ready: the node\n  answers heartbeats\n- Active: it takes\n  tasks\n\n' +
        '    docker node ls   --format x\n',
    );
  });

  it('gives a word longer than the width a line of its own', () => {
    expect(wrapNarration('see SWMTKN-1-abcdefghijklmnop now', 10)).toBe(
      'see\nSWMTKN-1-abcdefghijklmnop\nnow\n',
    );
  });
});
