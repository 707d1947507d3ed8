/**
 * Maps a path in the parsed data (`['steps', 2, 'at']`) back to the line and column of the YAML
 * node it came from, so every message can point at the exact spot in the file.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { SourcePosition } from './errors.js';

/** A path into the parsed data: field names and list indexes. */
export type DataPath = readonly (string | number)[];

/** Positions of data paths in one parsed YAML file. */
export class Locator {
  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The position of a character offset in the file. */
  offset(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    // linePos reports line 0 before the first newline it knows of; that is line 1.
    return { file: this.file, line: Math.max(line, 1), column: Math.max(col, 1) };
  }

  /** Where the value at `path` starts; the nearest existing ancestor when it is absent. */
  value(path: DataPath): SourcePosition {
    return this.offset(this.walk(path).node?.range?.[0] ?? 0);
  }

  /** Where the key `key` of the mapping at `path` is written; the mapping itself if not found. */
  key(path: DataPath, key: string): SourcePosition {
    const { node, complete } = this.walk(path);
    if (complete && isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return this.offset(pair.key.range[0]);
        }
      }
    }
    return this.offset(node?.range?.[0] ?? 0);
  }

  /** True when the mapping at `path` is written inline, `{a: 1, b: 2}`. */
  isFlowMap(path: DataPath): boolean {
    const { node, complete } = this.walk(path);
    return complete && isMap(node) && node.flow === true;
  }

  /** Follows `path` as far as it exists in the YAML tree. */
  private walk(path: DataPath): { node: YamlNode | undefined; complete: boolean } {
    let node: YamlNode | undefined = isNode(this.doc.contents) ? this.doc.contents : undefined;
    for (const step of path) {
      const next = child(node, step);
      if (!next) return { node, complete: false };
      node = next;
    }
    return { node, complete: true };
  }
}

interface YamlNode {
  range?: [number, number, number] | null;
}

function child(node: YamlNode | undefined, step: string | number): YamlNode | undefined {
  if (isSeq(node) && typeof step === 'number') {
    const item: unknown = node.items[step];
    return isNode(item) ? item : undefined;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(step)) {
        // `key:` with nothing after it has no value node; point at the key instead.
        return isNode(pair.value) ? pair.value : pair.key;
      }
    }
  }
  return undefined;
}
