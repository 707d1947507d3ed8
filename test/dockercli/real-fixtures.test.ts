/**
 * The read commands against what a real swarm printed (test/fixtures/real-docker, docker 28.2.2
 * CLI + Engine 20.10 on one node `manager1`): the same commands on a simulated one-node swarm
 * must print the same text, JSON keys, values and field order, once IDs, version indexes,
 * timestamps and ages are masked.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, realLikeNode, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'real-docker');
const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
/** Flags every recorded service was created with. */
const COMMON = `--stop-grace-period 1s --no-resolve-image ${IMG}`;

function recorded(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

interface RecordedCommand {
  cmd: string;
  exit: number;
  stdout: string;
  stderr: string;
}

function recordedCommand(caseName: string, cmd: string): RecordedCommand {
  const lines = recorded(`${caseName}/commands.jsonl`).trim().split('\n');
  const found = lines.map((line) => JSON.parse(line) as RecordedCommand).find((c) => c.cmd === cmd);
  if (!found) throw new Error(`no recorded command ${cmd}`);
  return found;
}


/** The root CA's P-256 public point, which differs between any two swarms. */
function maskKeys(text: string): string {
  return text.replace(/(MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE)[A-Za-z0-9+/]{86}==/g, '$1<point>');
}

/** What a root CA certificate shares with every other swarm's (names, key type, lifetime). */
function certificateShape(pem: string): string {
  const certificate = new X509Certificate(pem);
  const lifetimeMs = Date.parse(certificate.validTo) - Date.parse(certificate.validFrom);
  const lifetimeDays = lifetimeMs / 86_400_000;
  const key = certificate.publicKey.asymmetricKeyDetails?.namedCurve;
  const verified = certificate.verify(certificate.publicKey);
  const serialBytes = certificate.serialNumber.length / 2;
  return `${certificate.subject} by ${certificate.issuer}, CA ${certificate.ca}, ${key}, ` +
    `${lifetimeDays} days, serial ${serialBytes} bytes, self-signed ${verified}`;
}

/** Masks what differs between any two runs: IDs, indexes, times. */
function mask(text: string): string {
  return text
    .replace(/"ID": "[a-z0-9]{25}"/g, '"ID": "<id>"')
    .replace(/"NetworkID": "[a-z0-9]{25}"/g, '"NetworkID": "<id>"')
    .replace(/"Index": \d+/g, '"Index": 0')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
    .replace(/\b[a-z0-9]{25}\b/g, '<id>')
    .replace(/^[a-z0-9]{12}(?=   )/gm, '<short>');
}

function ok(fx: Fixture, line: string): string {
  const out = docker(fx, line);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return out.stdout;
}

describe('docker service inspect matches the engine JSON', () => {
  it('create-replicas: replicated service, defaults inserted, empty endpoint', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name web --replicas 3 ${COMMON} sleep 3600`);
    fx.sim.runUntil(10_000);
    expect(mask(ok(fx, 'service inspect web'))).toBe(
      mask(recorded('create-replicas/snap-after10s.service.json')),
    );
  });

  it('restart-on-failure: the restart policy the flags set', () => {
    const fx = realLikeNode();
    ok(
      fx,
      `service create -d --name fail3 --restart-condition on-failure --restart-max-attempts 3 ${COMMON} sh -c 'sleep 1; exit 3'`,
    );
    expect(mask(ok(fx, 'service inspect fail3'))).toBe(
      mask(recorded('restart-on-failure/snap-mid.service.json')),
    );
  });

  it('pending-constraint: placement constraints', () => {
    const fx = realLikeNode();
    ok(
      fx,
      `service create -d --name east --constraint node.labels.zone==east ${COMMON} sleep 3600`,
    );
    expect(mask(ok(fx, 'service inspect east'))).toBe(
      mask(recorded('pending-constraint/snap-pending.service.json')),
    );
  });

  it('global-single: global mode', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name g --mode global ${COMMON} sleep 3600`);
    expect(mask(ok(fx, 'service inspect g'))).toBe(
      mask(recorded('global-single/snap-running.service.json')),
    );
  });

  it('pending-resources: a scale keeps the previous spec as stored, without defaults', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name cpu1 --replicas 3 --reserve-cpu 1 ${COMMON} sleep 3600`);
    fx.sim.runUntil(5000);
    ok(fx, 'service scale -d cpu1=2');
    fx.sim.runUntil(8000);
    expect(mask(ok(fx, 'service inspect cpu1'))).toBe(
      mask(recorded('pending-resources/snap-cpu1-scaled2.service.json')),
    );
  });

  it('history-force: ForceUpdate counters, previous spec, update status fields', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name hf ${COMMON} sleep 3600`);
    for (let i = 1; i <= 3; i += 1) {
      fx.sim.runUntil(i * 10_000);
      ok(fx, 'service update --force -d hf');
    }
    fx.sim.runUntil(30_100);
    const ours = JSON.parse(ok(fx, 'service inspect hf'))[0];
    const real = JSON.parse(recorded('history-force/snap-after3.service.json'))[0];
    expect(mask(JSON.stringify(ours.Spec, null, 4))).toBe(mask(JSON.stringify(real.Spec, null, 4)));
    expect(mask(JSON.stringify(ours.PreviousSpec, null, 4))).toBe(
      mask(JSON.stringify(real.PreviousSpec, null, 4)),
    );
    expect(Object.keys(ours.UpdateStatus)).toEqual(Object.keys(real.UpdateStatus));
    expect(ours.UpdateStatus).toMatchObject({ State: 'updating', Message: 'update in progress' });
  });
});

describe('docker service ls and ps match the recorded tables', () => {
  it('create-replicas: service ls columns and widths', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name web --replicas 3 ${COMMON} sleep 3600`);
    fx.sim.runUntil(10_000);
    expect(mask(ok(fx, 'service ls'))).toBe(
      mask(recordedCommand('create-replicas', 'docker service ls').stdout),
    );
  });

  it('global-single: the global row', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name g --mode global ${COMMON} sleep 3600`);
    // The recorded node had the image already; the simulated one pulls it first.
    fx.sim.runUntil(6000);
    expect(mask(ok(fx, 'service ls'))).toBe(
      mask(recordedCommand('global-single', 'docker service ls').stdout),
    );
  });

  it('pending-resources: service ps JSON of pending tasks, field by field', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name mem --reserve-memory 100G ${COMMON} sleep 3600`);
    ok(fx, `service create -d --name cpu --reserve-cpu 1000 ${COMMON} sleep 3600`);
    fx.sim.runUntil(5500);
    const ours = ok(fx, "service ps --no-trunc --format '{{json .}}' mem cpu").trim().split('\n');
    const real = recorded('pending-resources/snap-pending.service-ps.jsonl').trim().split('\n');
    expect(ours.map((line) => line.replace(/"ID":"\w+"/, '"ID":"<id>"'))).toEqual(
      real.map((line) => line.replace(/"ID":"\w+"/, '"ID":"<id>"')),
    );
  });

  it('create-replicas: service ps JSON keys and values of running tasks', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name web --replicas 3 ${COMMON} sleep 3600`);
    fx.sim.runUntil(10_500);
    const ours = ok(fx, "service ps --no-trunc --format '{{json .}}' web")
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const real = recorded('create-replicas/snap-after10s.service-ps.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ours.map((row) => Object.keys(row))).toEqual(real.map((row) => Object.keys(row)));
    for (const [index, row] of ours.entries()) {
      const { ID: _ours, CurrentState: state, ...rest } = row;
      const { ID: _real, CurrentState: _age, ...expected } = real[index];
      expect(rest).toEqual(expected);
      expect(state).toMatch(/^Running \d+ seconds ago$/);
    }
  });
});

describe('docker node ls and inspect match the recorded node', () => {
  it('node ls marks the session node and shows the leader', () => {
    const fx = realLikeNode();
    const real = recordedCommand('global-single', 'docker node ls').stdout.replace(
      'Drain ',
      'Active',
    );
    expect(mask(ok(fx, 'node ls'))).toBe(mask(real));
  });

  it('node inspect JSON: same keys and values but addresses and key material', () => {
    const fx = realLikeNode();
    const ours = JSON.parse(ok(fx, 'node inspect self'))[0];
    const real = JSON.parse(recorded('node.json'))[0];
    for (const node of [ours, real]) {
      node.Description.TLSInfo.TrustRoot = certificateShape(node.Description.TLSInfo.TrustRoot);
      node.Status.Addr = '<addr>';
      node.ManagerStatus.Addr = '<addr>';
    }
    expect(maskKeys(mask(JSON.stringify(ours, null, 4)))).toBe(
      maskKeys(mask(JSON.stringify(real, null, 4))),
    );
  });

  it('node inspect: the root CA dates from the init, rounded to the minute, less 5 min', () => {
    const fx = realLikeNode();
    const ours = JSON.parse(ok(fx, 'node inspect self'))[0];
    for (const node of [ours, JSON.parse(recorded('node.json'))[0]]) {
      const certificate = new X509Certificate(node.Description.TLSInfo.TrustRoot);
      const initMs = Date.parse(node.CreatedAt);
      const expected = Math.round(initMs / 60_000) * 60_000 - 5 * 60_000;
      expect(Date.parse(certificate.validFrom)).toBe(expected);
    }
  });

  it('node inspect --pretty: the recorded page, key material aside', () => {
    const fx = realLikeNode();
    const engine = recorded('engine.txt');
    const start = engine.indexOf('$ docker node inspect --pretty self\n') + 36;
    const real = engine.slice(start, engine.indexOf('[exit ', start));
    const ours = ok(fx, 'node inspect --pretty self');
    const addr = (text: string) =>
      maskKeys(text.replace(/\d+\.\d+\.\d+\.\d+/g, '<ip>').replace(/\d{4}-.* utc/, '<time>'))
        .replace(/-----BEGIN CERTIFICATE-----\n[^-]+-----END CERTIFICATE-----\n/, '<cert>\n');
    expect(mask(addr(ours))).toBe(mask(addr(real)));
  });
});

describe('client errors of the read commands', () => {
  it.each([
    'docker service ps nosuch',
    'docker service inspect nosuch',
    'docker service logs nosuch',
    'docker node inspect nosuchnode',
  ])('%s', (cmd) => {
    const fx = realLikeNode();
    const real = recordedCommand('cli-errors', cmd);
    const ours = docker(fx, cmd.slice('docker '.length));
    expect(ours).toEqual({ stdout: real.stdout, stderr: real.stderr, exitCode: real.exit });
  });
});

describe('a recorded 3-manager, 2-worker swarm (fixtures/real-3x2)', () => {
  const REAL_3X2 = join(import.meta.dirname, 'fixtures', 'real-3x2');
  const engine = '20.10.24+dfsg1';
  const nodes = [
    ...['manager1', 'manager2', 'manager3'].map((hostname) => ({
      hostname,
      role: 'manager' as const,
    })),
    ...['worker1', 'worker2'].map((hostname) => ({ hostname, role: 'worker' as const })),
  ].map((node) => ({ ...node, engineVersion: engine }));

  /** The recorded command's output, without its `$ command` line and `[exit N]` trailer. */
  function output(name: string): string {
    const text = readFileSync(join(REAL_3X2, `${name}.txt`), 'utf8');
    return text.slice(text.indexOf('\n') + 1, text.lastIndexOf('[exit '));
  }

  it('node ls: leader, reachable managers, workers without manager status', () => {
    const fx = fixture(nodes);
    expect(mask(ok(fx, 'node ls'))).toBe(mask(output('node-ls')));
  });

  it('network ls: the same networks, names and columns', () => {
    const fx = fixture(nodes);
    const ids = (text: string) => text.replace(/^\w{12}(?= )/gm, '<id>');
    expect(ids(ok(fx, 'network ls'))).toBe(ids(output('network-ls')));
  });

  it('info on a worker: the short swarm section', () => {
    const fx = fixture(nodes);
    const section = (text: string) =>
      text
        .slice(text.indexOf(' Swarm:'), text.indexOf(' Runtimes:'))
        .replace(/[\d.]+:2377|\d+\.\d+\.\d+\.\d+/g, '<ip>');
    expect(mask(section(docker(fx, 'info', 'worker1').stdout))).toBe(
      mask(section(output('info-worker'))),
    );
  });
});
