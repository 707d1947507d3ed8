/**
 * Built and pushed images are state a replay must know: `image/built` and `image/pushed` are in
 * the event log, and folding the log from the start gives the same image stores and node images
 * the live run had. A push replaces the tag in the registry; a rebuild moves the tag.
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { applyEvent, ModelViolation } from '../../src/model/reduce.js';
import { emptyClusterState } from '../../src/model/state.js';
import { createSwarm } from '../../src/swarm.js';
import { THREE_NODES } from '../api/fixture.js';

function swarmWithLog() {
  const events: LoggedEvent[] = [];
  const sim = createSwarm({ seed: 3, nodes: THREE_NODES, observers: [(_s, e) => events.push(e)] });
  const files: Record<string, string> = { Dockerfile: 'FROM alpine\nCMD ["echo", "v1"]\n' };
  const nodeId = sim.state.nodeIds[0]!;
  const docker = (line: string) =>
    runDockerCommand(sim.ctx, ['docker', ...parse(line).map(String)], {
      nodeId,
      readFile: (path) => files[path],
    });
  return { sim, events, files, docker };
}

describe('image events', () => {
  it('replay to the same image stores and node images', () => {
    const { sim, events, files, docker } = swarmWithLog();
    docker('build -t myorg/app .');
    docker('push myorg/app');
    files.Dockerfile = 'FROM alpine\nCMD ["echo", "v2"]\n';
    docker('build -t myorg/app .');
    docker('push myorg/app');
    docker('service create -d --name app --replicas 3 myorg/app');
    sim.runUntil(30_000);
    const replayed = emptyClusterState();
    for (const event of events) applyEvent(replayed, event);
    expect(replayed.images).toEqual(sim.state.images);
    for (const id of sim.state.nodeIds) {
      expect(replayed.nodes[id]!.images).toEqual(sim.state.nodes[id]!.images);
    }
    const local = sim.state.images!.local.manager1!;
    expect(local.map((image) => image.tags)).toEqual([[], ['myorg/app:latest']]);
    expect(sim.state.images!.registry['myorg/app:latest']!.imageId).toBe(local[1]!.id);
    expect(sim.state.images!.registry['myorg/app:latest']!.config.cmd).toEqual(['echo', 'v2']);
  });

  it('refuses a push of an image the engine never built', () => {
    const state = emptyClusterState();
    const image = {
      imageId: 'sha256:' + 'a'.repeat(64), digest: 'sha256:' + 'b'.repeat(64),
      config: { entrypoint: [], wrapper: false, cmd: [], exposedPorts: [], env: [],
        workingDir: '', user: '', labels: {} },
      layers: [], sizeBytes: 0, createdAt: 0, pushedAt: 0, platform: 'linux/amd64',
    };
    const event: LoggedEvent = { t: 0, type: 'image/pushed', host: 'h', ref: 'a:latest', image };
    expect(() => applyEvent(state, event)).toThrow(ModelViolation);
  });
});
