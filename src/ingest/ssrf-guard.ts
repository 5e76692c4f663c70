import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is anything but a public unicast address: this machine, the local network,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, benchmarking,
 * documentation and reserved ranges (ipaddr.js's special ranges), and every IPv6 form that wraps
 * one of those in an IPv4 address: IPv4-mapped `::ffff:0:0/96` (and RFC 6145's), 6to4
 * `2002::/16`, NAT64 `64:ff9b::/96`. IPv4-compatible `::/96`, local NAT64 `64:ff9b:1::/48`,
 * Teredo (whose IPv4 is obfuscated) and site-local `fec0::/10` are refused whatever they carry.
 */
export function isBlockedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const ip = parsed as ipaddr.IPv6;
  const parts = ip.parts;
  if (parts.slice(0, 6).every((part) => part === 0)) return true; // ::/96, IPv4-compatible (deprecated)
  const embedded = embeddedIPv4(ip);
  if (embedded) return embedded.range() !== 'unicast';
  return ip.range() !== 'unicast';
}

/** The IPv4 address an IPv6 address carries by a public convention (mapped, 6to4, NAT64), if any. */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = ip.toByteArray();
  const v4 = (offset: number) => new ipaddr.IPv4(bytes.slice(offset, offset + 4));
  const range = ip.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return v4(12);
  if (range === '6to4') return v4(2);
  if (range === 'rfc6052' && ip.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return v4(12);
  return undefined;
}

/** Thrown (through the connection) when a host resolves to an address that is refused. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address`);
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that resolves the host and refuses it when any of its addresses
 * is not public. The connection then uses the checked address, so a second DNS answer
 * (DNS rebinding) cannot slip a private address in between the check and the connect.
 */
export function guardedLookup(isBlocked: (address: string) => boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => isBlocked(entry.address));
      if (refused) return callback(new BlockedAddressError(hostname, refused.address), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}
