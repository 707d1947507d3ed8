/**
 * IPv4 address management for swarm networks, as libnetwork's default IPAM does it for
 * swarmkit: each subnet's host addresses (network and broadcast addresses excluded) are handed
 * out serially, the next free one after the last one given, wrapping around, not lowest-free
 * (libnetwork `ipam/allocator.go` with the serial option, `bitseq`). Pure functions over the
 * network's book (Network.addresses); the fold records what they choose.
 */
import type { Network } from '../model/types.js';

/** A parsed IPv4 subnet: its base address as an unsigned 32-bit number and its prefix length. */
export interface Cidr {
  base: number;
  prefix: number;
}

/** Parses dotted-quad `a.b.c.d`; null when malformed. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** The dotted-quad form of an unsigned 32-bit address. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n` as Go's net.ParseCIDR does (host bits cleared); null when invalid. */
export function parseCidr(text: string): Cidr | null {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return null;
  const ip = parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (ip === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix };
}

/** `base/prefix` as text. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

/** Number of addresses in the subnet. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** True when `ip` lies in the subnet. */
export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidrSize(cidr);
}

/** True when the two subnets share an address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.base) || cidrContains(b, a.base);
}

/**
 * The next address of `network` a serial allocation hands out, as `10.0.1.5/24`: the first free
 * host address after the last one given, wrapping to the subnet's start; null when it is full
 * or the network has no subnet.
 */
export function nextAddress(network: Network, alsoTaken: readonly string[] = []): string | null {
  const cidr = network.allocated ? parseCidr(network.ipv4.subnet) : null;
  if (!cidr) return null;
  const size = cidrSize(cidr);
  const taken = new Set([...network.addresses.inUse, ...alsoTaken]);
  // A full subnet (the default ingress /24 holds 254 hosts: a bigger swarm exhausts it) is
  // answered without walking it, since every node that joins asks.
  if (taken.size >= size - 2) return null;
  const last = parseIpv4(network.addresses.last);
  const start = last !== null && cidrContains(cidr, last) ? last - cidr.base + 1 : 1;
  // Offsets 0 and size-1 are the network and broadcast addresses, never handed out.
  for (let step = 0; step < size - 2; step += 1) {
    const offset = ((start - 1 + step) % (size - 2)) + 1;
    const ip = formatIpv4(cidr.base + offset);
    if (!taken.has(ip)) return `${ip}/${cidr.prefix}`;
  }
  return null;
}
