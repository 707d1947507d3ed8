import { describe, expect, it } from 'vitest';
import { buildNode } from '../../src/model/factory.js';
import {
  ConstraintError,
  nodeMatchesConstraints,
  parseConstraint,
  parseConstraints,
} from '../../src/scheduler/constraint.js';

function parseError(expression: string): string {
  try {
    parseConstraint(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(ConstraintError);
    return (error as Error).message;
  }
  throw new Error(`"${expression}" parsed`);
}

describe('constraint parsing errors (swarmkit texts)', () => {
  it('requires one of the two operators', () => {
    const expected = 'constraint expected one operator from ==, !=';
    expect(parseError('node.labels.zone ~ east')).toBe(expected);
    expect(parseError('node.labels.zone=east')).toBe(expected);
  });

  it('rejects a malformed key, quoting it trimmed', () => {
    expect(parseError(' == east')).toBe("key '' is invalid");
    expect(parseError('1node == east')).toBe("key '1node' is invalid");
    // "==" is tried first, so the "!=" lands in the key.
    expect(parseError('a!=b==c')).toBe("key 'a!=b' is invalid");
  });

  it('rejects a value with characters outside the allowed set', () => {
    expect(parseError('node.labels.zone == ')).toBe("value '' is invalid");
    expect(parseError('node.labels.zone == a>b')).toBe("value 'a>b' is invalid");
    expect(parseError('node.labels.zone==east,west')).toBe("value 'east,west' is invalid");
  });

  it('accepts spaces around the operator and regex-looking values as plain text', () => {
    expect(parseConstraint('  node.labels.zone  !=  us-east-1*  ')).toEqual({
      key: 'node.labels.zone',
      operator: '!=',
      value: 'us-east-1*',
    });
  });

  it('matches a missing label as "" and compares values case-insensitively', () => {
    const node = buildNode(
      { id: 'n1', hostname: 'n1', role: 'worker', addr: '10.0.0.1', labels: { zone: 'East' } },
      0,
    );
    const bare = buildNode({ id: 'n2', hostname: 'n2', role: 'worker', addr: '10.0.0.2' }, 0);
    const eastOnly = parseConstraints(['node.labels.zone == east']);
    const notEast = parseConstraints(['node.labels.zone != east']);
    expect(nodeMatchesConstraints(node, eastOnly)).toBe(true);
    expect(nodeMatchesConstraints(bare, eastOnly)).toBe(false);
    expect(nodeMatchesConstraints(bare, notEast)).toBe(true);
  });
});
