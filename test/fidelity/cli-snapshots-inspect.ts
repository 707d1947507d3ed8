/**
 * The `service inspect` half of cli-snapshots.test.ts: what an update shows of a service
 * (PreviousSpec presence, UpdateStatus), compared between swarmsim and a recording.
 */
import { SIM_EPOCH_UNIX_MS } from '../../src/dockercli/clock.js';
import { maskIds, TIME_TOLERANCE_S } from './cli-snapshots-rows.js';

interface InspectedService {
  Spec: { Name: string };
  PreviousSpec?: unknown;
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

/** A service's update facts; times in s since the case's T0 (null when absent). */
interface UpdateFacts {
  name: string;
  hasPreviousSpec: boolean;
  state: string | null;
  message: string | null;
  startedS: number | null;
  /** CompletedAt − StartedAt, s. */
  tookS: number | null;
}

function updateFacts(json: string, epochMs: number): UpdateFacts[] {
  const seconds = (iso: string | undefined) =>
    iso === undefined ? null : (Date.parse(iso) - epochMs) / 1000;
  return (JSON.parse(json) as InspectedService[]).map((service) => {
    const status = service.UpdateStatus;
    const startedS = seconds(status?.StartedAt);
    const completedS = seconds(status?.CompletedAt);
    return {
      name: service.Spec.Name,
      hasPreviousSpec: service.PreviousSpec !== undefined,
      state: status ? (status.State ?? '') : null,
      message: status ? (status.Message ?? '') : null,
      startedS,
      tookS: startedS === null || completedS === null ? null : completedS - startedS,
    };
  });
}

/**
 * Every difference between the simulated and recorded `service inspect` in what an update shows:
 * PreviousSpec presence, UpdateStatus State and Message exactly, StartedAt (from T0) and the
 * update's duration (CompletedAt − StartedAt) within the tolerance.
 */
export function updateDifferences(
  simJson: string,
  realJson: string,
  t0EpochMs: number,
): string[] {
  const sim = updateFacts(simJson, SIM_EPOCH_UNIX_MS);
  const real = updateFacts(realJson, t0EpochMs);
  const found: string[] = [];
  if (sim.length !== real.length) {
    found.push(`services: simulated ${sim.length}, recorded ${real.length}`);
  }
  real.forEach((recorded, i) => {
    const simulated = sim[i];
    if (!simulated) return;
    const where = recorded.name;
    for (const field of ['name', 'hasPreviousSpec', 'state', 'message'] as const) {
      const masked = (value: string | boolean | null) =>
        typeof value === 'string' ? maskIds(value) : value;
      if (masked(simulated[field]) !== masked(recorded[field])) {
        found.push(`${where} ${field}: simulated ${String(simulated[field])}, ` +
          `recorded ${String(recorded[field])}`);
      }
    }
    for (const field of ['startedS', 'tookS'] as const) {
      const a = simulated[field];
      const b = recorded[field];
      const off = a !== null && b !== null && Math.abs(a - b) > TIME_TOLERANCE_S;
      if ((a === null) !== (b === null) || off) {
        const shown = (value: number | null) => (value === null ? 'none' : value.toFixed(3));
        found.push(`${where} ${field}: simulated ${shown(a)}, recorded ${shown(b)}`);
      }
    }
  });
  return found;
}

