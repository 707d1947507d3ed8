/**
 * The values Go templates and Go's encoders see, as plain TypeScript classes. Docker renders
 * `--format` templates against Go structs, so what a template prints (`{{.Spec.Labels}}` is
 * `map[a:b]`, a duration is `1s`, a nil pointer is `<nil>`) and what `{{json .}}` emits depend on
 * Go types. swarmsim keeps just enough type information to reproduce that: JS strings, integers
 * and booleans are Go's, and everything else is one of the classes below.
 */

/** Any value a template can handle. JS numbers are Go ints; floats are `GoFloat`. */
export type GoValue =
  | string
  | number
  | boolean
  | GoFloat
  | GoTime
  | GoDuration
  | GoNil
  | GoStruct
  | GoMap
  | GoValue[];

/** A float32 or float64 (Go prints and encodes them unlike ints). */
export class GoFloat {
  constructor(
    readonly value: number,
    readonly bits: 32 | 64 = 64,
  ) {}
}

/** A `time.Time` in UTC, as nanoseconds since the Unix epoch (a bigint: it needs 63 bits). */
export class GoTime {
  constructor(readonly unixNanos: bigint) {}

  /** Go's zero time, 0001-01-01T00:00:00Z, which `omitempty` does not omit. */
  static readonly ZERO_UNIX_SECONDS = -62135596800n;
}

/** A `time.Duration` in nanoseconds; it encodes as an integer and prints as `1m30s`. */
export class GoDuration {
  constructor(readonly nanos: number) {}
}

/** A nil pointer, slice, map or interface, with its Go type for error messages. */
export class GoNil {
  constructor(readonly type: string) {}
}

/** One field (or niladic method) of a Go struct. */
export interface GoField {
  name: string;
  value: GoValue;
  /** `json:",omitempty"`: the encoder skips it when empty. */
  omitEmpty?: boolean;
  /** An embedded struct: its fields are promoted (templates and JSON see them inline). */
  embedded?: boolean;
  /** Not encoded at all (`json:"-"`), e.g. a template-only method. */
  jsonSkip?: boolean;
}

/** A Go struct value, or a docker formatter context whose methods templates call. */
export class GoStruct {
  constructor(
    /** The type as Go's errors name it, e.g. `swarm.Service` or `*service.serviceContext`. */
    readonly type: string,
    readonly fields: readonly GoField[],
    /**
     * Docker's list contexts marshal through a map of method results, so their JSON has sorted
     * keys instead of field order.
     */
    readonly jsonSortedKeys = false,
    /** Set for types with a `String()` method: how Go prints the value. */
    readonly stringer?: () => string,
  ) {}

  /** The field or promoted field called `name`; undefined when the type has none. */
  lookup(name: string): GoValue | undefined {
    for (const field of this.fields) if (field.name === name) return field.value;
    for (const field of this.fields) {
      if (field.embedded && field.value instanceof GoStruct) {
        const found = field.value.lookup(name);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

/** A Go map with string keys; Go prints and encodes it in sorted key order. */
export class GoMap {
  constructor(
    readonly entries: ReadonlyMap<string, GoValue>,
    /** The type for error messages, e.g. `map[string]string`. */
    readonly type = 'map[string]interface {}',
  ) {}

  /** Keys in Go's order (byte-wise sort). */
  sortedKeys(): string[] {
    return [...this.entries.keys()].sort(compareBytes);
  }

  static of(record: Readonly<Record<string, GoValue>>, type = 'map[string]string'): GoMap {
    return new GoMap(new Map(Object.entries(record)), type);
  }
}

/** Orders strings as Go's `sort.Strings` does: by UTF-8 bytes, which is code point order. */
export function compareBytes(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** Go's truth for `if`, `with`, `and`, `or`, `not`: false, 0, nil and empty things are false. */
export function isTrue(value: GoValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'boolean') return value;
  if (value instanceof GoFloat) return value.value !== 0;
  if (value instanceof GoDuration) return value.nanos !== 0;
  if (value instanceof GoNil) return false;
  if (value instanceof GoMap) return value.entries.size > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The Go type name of a value, for error messages. */
export function goTypeName(value: GoValue | undefined): string {
  if (value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof GoFloat) return `float${value.bits}`;
  if (value instanceof GoTime) return 'time.Time';
  if (value instanceof GoDuration) return 'time.Duration';
  if (value instanceof GoNil || value instanceof GoStruct || value instanceof GoMap) {
    return value.type;
  }
  return '[]interface {}';
}

