/**
 * The network parts of a service as the Engine API shows them: `TaskTemplate.Networks` (each
 * attachment's target ID and aliases) and `Endpoint.VirtualIPs` (the VIPs the API allocated).
 */
import type { NetworkAddress, NetworkAttachmentConfig } from '../model/types.js';
import { GoNil, GoStruct, type GoValue } from './template/values.js';

/** `TaskTemplate.Networks`: nil (omitted) when the service is on no network. */
export function networksObject(configs: readonly NetworkAttachmentConfig[] | undefined): GoValue {
  if (!configs?.length) return new GoNil('[]swarm.NetworkAttachmentConfig');
  return configs.map(
    (config) =>
      new GoStruct('swarm.NetworkAttachmentConfig', [
        { name: 'Target', value: config.target, omitEmpty: true },
        {
          name: 'Aliases',
          value: config.aliases.length > 0 ? [...config.aliases] : new GoNil('[]string'),
          omitEmpty: true,
        },
      ]),
  );
}

/** `Endpoint.VirtualIPs`: nil (omitted) when the service holds none. */
export function virtualIpsObject(vips: readonly NetworkAddress[] | undefined): GoValue {
  if (!vips?.length) return new GoNil('[]swarm.EndpointVirtualIP');
  return vips.map(
    (vip) =>
      new GoStruct('swarm.EndpointVirtualIP', [
        { name: 'NetworkID', value: vip.networkId, omitEmpty: true },
        { name: 'Addr', value: vip.addr, omitEmpty: true },
      ]),
  );
}
