/**
 * PluginFilter (SWARM.md 5.2): on when the task has a log driver, network attachments, or mounts
 * a volume whose driver is not `local`; the node's engine must report each of those plugins
 * (the stock engine lists the built-in network drivers: bridge, host, ipvlan, macvlan, null,
 * overlay, so only another driver can be missing). A plugin named `x` is also found as
 * `x:latest` (how managed plugins are listed). Log drivers are skipped when the name is empty or
 * `none`, and on an engine that reports no Log plugin at all (an old daemon that did not say).
 */
import { enginePlugins } from '../../model/factory.js';
import type { Mount, PluginDescription, Task } from '../../model/types.js';
import { countNodes, type Filter } from './filter.js';

/** The volume driver a mount needs from the engine, or null (`local`, or not a volume). */
function volumePlugin(mount: Mount): string | null {
  const name = mount.volumeOptions?.driver?.name ?? '';
  return mount.type === 'volume' && name !== '' && name !== 'local' ? name : null;
}

/** The log driver a task needs from the engine, or null when none is checked. */
function logPlugin(task: Task): string | null {
  const name = task.spec.logDriver?.name ?? '';
  return name === '' || name === 'none' ? null : name;
}

/** Whether `plugins` has `name` (or `name:latest`) of `type`, and whether it has that type. */
function lookUp(
  plugins: readonly PluginDescription[],
  type: string,
  name: string,
): { found: boolean; typeListed: boolean } {
  let typeListed = false;
  for (const plugin of plugins) {
    if (plugin.type !== type) continue;
    typeListed = true;
    if (plugin.name === name || plugin.name === `${name}:latest`) {
      return { found: true, typeListed };
    }
  }
  return { found: false, typeListed };
}

/** A fresh PluginFilter. */
export function pluginFilter(): Filter {
  let volumes: string[] = [];
  let networks: string[] = [];
  let log: string | null = null;
  return {
    name: 'plugin',
    appliesTo(task) {
      volumes = (task.spec.container.mounts ?? []).flatMap((mount) => volumePlugin(mount) ?? []);
      log = logPlugin(task);
      networks = (task.networks ?? []).flatMap((attachment) => attachment.driver || []);
      // A log driver switches the filter on even when its name is not checked.
      return task.spec.logDriver !== undefined || volumes.length > 0 || networks.length > 0;
    },
    check(node) {
      const plugins = enginePlugins(node);
      if (!volumes.every((name) => lookUp(plugins, 'Volume', name).found)) return false;
      if (!networks.every((name) => lookUp(plugins, 'Network', name).found)) return false;
      if (log === null) return true;
      const { found, typeListed } = lookUp(plugins, 'Log', log);
      return found || !typeListed;
    },
    explain: (count) => `missing plugin on ${countNodes(count)}`,
  };
}
