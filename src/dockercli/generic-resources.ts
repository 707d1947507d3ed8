/**
 * `--generic-resource` on `docker service create`, `--generic-resource-add/-rm` on update
 * (docker's `opts/swarmopts` generic resource parsing, SWARM.md 5.10): a task can only reserve
 * discrete counts, `KIND=N`; a value that is not an integer names a resource and is refused.
 */
import type { GenericResource, Resources } from '../model/types.js';
import type { FlagDef } from './flags.js';
import { changed, type ParsedFlags } from './flags.js';
import { listOf } from './spec-parts.js';

/** The flag: each value needs an `=`, the only check docker makes while parsing flags. */
export function genericResourceFlag(name: string): FlagDef {
  return {
    name,
    parse: (value) =>
      value.includes('=')
        ? { value }
        : { error: `invalid generic-resource format \`${value}\` expected \`name=value\`` },
  };
}

type GenericResult = { generic: GenericResource[] } | { clientError: string };

/** `KIND=N` values as discrete requests, or docker's error for a named one. */
function parseRequests(values: readonly string[]): GenericResult {
  const generic: GenericResource[] = [];
  for (const entry of values) {
    const equals = entry.indexOf('=');
    const kind = entry.slice(0, equals);
    const value = entry.slice(equals + 1);
    // swarmkit reads an integer as a count and anything else as a resource name.
    if (!/^[+-]?\d+$/.test(value)) {
      return {
        clientError:
          `invalid generic-resource request \`${kind}=${value}\`, ` +
          'Named Generic Resources is not supported for service create or update',
      };
    }
    generic.push({ kind, value: Number(value) });
  }
  return { generic };
}

/** Sets the requests on `reservations`, leaving the field out when there are none. */
function setGeneric(reservations: Resources, generic: GenericResource[]): void {
  if (generic.length > 0) reservations.generic = generic;
  else delete reservations.generic;
}

/** Applies `--generic-resource` of create to the reservations; an error message or null. */
export function applyCreateGeneric(parsed: ParsedFlags, reservations: Resources): string | null {
  const result = parseRequests(listOf(parsed, 'generic-resource'));
  if ('clientError' in result) return result.clientError;
  setGeneric(reservations, result.generic);
  return null;
}

/**
 * Applies `--generic-resource-rm` (kinds) then `--generic-resource-add` (`KIND=N`, replacing a
 * kind already reserved) to the reservations; an error message or null. docker rebuilds the list
 * from a Go map, in no fixed order; swarmsim keeps it sorted by kind so runs are reproducible.
 */
export function applyUpdateGeneric(parsed: ParsedFlags, reservations: Resources): string | null {
  if (!changed(parsed, 'generic-resource-add') && !changed(parsed, 'generic-resource-rm')) {
    return null;
  }
  const byKind = new Map<string, GenericResource>();
  for (const resource of reservations.generic ?? []) {
    if (byKind.has(resource.kind)) {
      return `duplicate generic-resource \`${resource.kind}\` for service task`;
    }
    byKind.set(resource.kind, resource);
  }
  for (const kind of listOf(parsed, 'generic-resource-rm')) {
    if (!byKind.delete(kind)) return `could not find generic-resource \`${kind}\` to remove it`;
  }
  const added = parseRequests(listOf(parsed, 'generic-resource-add'));
  if ('clientError' in added) return added.clientError;
  for (const resource of added.generic) byKind.set(resource.kind, resource);
  const kinds = [...byKind.keys()].sort();
  setGeneric(reservations, kinds.map((kind) => byKind.get(kind)!));
  return null;
}
