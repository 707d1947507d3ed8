/**
 * `docker node inspect` shows the CSI plugins a node's engine runs (`Description.CSIInfo`, as the
 * Engine API 1.42 gives it): plugin name, the plugin's own node ID (swarmsim's plugins use the
 * hostname), its volume limit and topology, each omitted when empty; no CSIInfo key at all for a
 * node without plugins, as on a stock engine.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../api/fixture.js';
import { docker } from './docker.js';

describe('node inspect CSIInfo', () => {
  it('lists each CSI plugin with its node ID, limit and topology', () => {
    const fx = fixture([
      {
        hostname: 'manager1',
        role: 'manager',
        csiPlugins: [
          { name: 'blockstore', topology: { zone: 'a' }, maxVolumesPerNode: 4 },
          { name: 'nfs', topology: {}, maxVolumesPerNode: 0 },
        ],
      },
      { hostname: 'worker1', role: 'worker' },
    ]);
    const [manager] = JSON.parse(docker(fx, 'node inspect manager1').stdout);
    expect(manager.Description.CSIInfo).toEqual([
      {
        PluginName: 'blockstore',
        NodeID: 'manager1',
        MaxVolumesPerNode: 4,
        AccessibleTopology: { Segments: { zone: 'a' } },
      },
      { PluginName: 'nfs', NodeID: 'manager1' },
    ]);
    const [worker] = JSON.parse(docker(fx, 'node inspect worker1').stdout);
    expect(Object.keys(worker.Description)).not.toContain('CSIInfo');
  });
});
