import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * SSRF rules for webhook URLs (API.md §5): a subscription may not make this service call into
 * its own network. Checked when a subscription is made or changed, and again at send time,
 * because DNS can answer differently later: the URL's form and IP literals before every send,
 * a host name's addresses whenever a send opens a connection. A connection goes to exactly the
 * address that was checked (see guardedLookup), so a second, different DNS answer cannot slip in
 * between, and a kept-alive connection stays on that checked address.
 */
export interface DestinationPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

export class DestinationRefused extends Error {}

/** Names that always mean a cloud metadata service, whatever they resolve to. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

/** Addresses that are not the public internet. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. 169.254.169.254 metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['::ffff:0:0:0', 96], // IPv4-translated
  ['64:ff9b::', 96], // NAT64: reaches an IPv4 address through a local translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether `address` (an IP literal) is one a webhook may not reach. Node's BlockList also
 * applies the IPv4 rules to IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`, `::ffff:7f00:1`).
 */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

/** The URL's host without IPv6 brackets and a trailing dot. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/** The rules that need no DNS: metadata and internal names, and IP literals. */
function checkHostForm(host: string, policy: DestinationPolicy): void {
  if (policy.allowPrivate) return;
  if (METADATA_NAMES.has(host) || host.endsWith('.internal')) throw new DestinationRefused(`host ${host} is a metadata or internal name`);
  if (isIP(host) && isBlockedAddress(host)) {
    throw new DestinationRefused(`host ${host} resolves to a loopback, private, link-local or reserved address`);
  }
}

/**
 * The addresses `host` may be reached at: all of them, or a refusal naming the cause. Every
 * address must be allowed (a name with one public and one private address is refused), so the
 * connection cannot be steered to the private one.
 */
async function allowedAddresses(host: string, policy: DestinationPolicy): Promise<LookupAddress[]> {
  checkHostForm(host, policy);
  const literal = isIP(host);
  if (literal) return [{ address: host, family: literal }];
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw new DestinationRefused(`host ${host} does not resolve`);
  }
  if (!policy.allowPrivate) {
    const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
    if (blocked) throw new DestinationRefused(`host ${host} resolves to a loopback, private, link-local or reserved address`);
  }
  return addresses;
}

/**
 * Parses a subscription URL and applies every rule that needs no DNS: scheme, credentials,
 * metadata names, IP literals; throws DestinationRefused saying why not. A host name's addresses
 * are checked by guardedLookup when a connection to it is opened.
 */
export function checkDestinationForm(raw: string, policy: DestinationPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefused('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new DestinationRefused(policy.allowHttp ? 'must be an http:// or https:// URL' : 'must be an https:// URL');
  }
  if (url.username || url.password) throw new DestinationRefused('must not carry credentials');
  checkHostForm(hostOf(url), policy);
  return url;
}

/** Parses and checks a subscription URL, resolving its host; throws DestinationRefused saying why not. */
export async function checkDestination(raw: string, policy: DestinationPolicy): Promise<URL> {
  const url = checkDestinationForm(raw, policy);
  await allowedAddresses(hostOf(url), policy);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the host, refuses it by the same rules, and hands
 * the socket exactly the addresses it checked. Node calls it for host names only, each time it
 * opens a connection; IP literals are checked by checkDestinationForm before the request.
 */
export function guardedLookup(policy: DestinationPolicy) {
  return (host: string, options: { all?: boolean }, callback: LookupCallback): void => {
    allowedAddresses(host.toLowerCase(), policy).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: Error) => callback(Object.assign(error, { code: 'EWEBHOOKDESTINATION' }), '', 0),
    );
  };
}
