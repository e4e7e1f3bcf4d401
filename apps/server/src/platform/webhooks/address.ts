import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.ts';

/** Every address a host name resolves to (the system resolver; tests hand in their own). */
export type Resolver = (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Whether a webhook may go to a private address: only outside production (a receiver on this machine). */
export type UrlPolicy = { production: boolean; resolve: Resolver };

/**
 * Addresses a webhook must never reach in production: this machine, the private networks, link-local
 * (cloud metadata at 169.254.169.254), unique-local IPv6, and the ranges that are not one host. IPv4-mapped
 * IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4 rules by BlockList itself.
 */
const refused = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  refused.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  refused.addSubnet(net, bits, 'ipv6');

export const isRefusedAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return true;
  return refused.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL's shape: https (http only to this machine outside production), no credentials in it. */
export const parseWebhookUrl = (raw: string, policy: Pick<UrlPolicy, 'production'>): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.field('url', 'webhook_url_invalid');
  }
  if (url.username || url.password) throw AppError.field('url', 'webhook_url_credentials');
  const localHttp = url.protocol === 'http:' && !policy.production && localHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !localHttp) throw AppError.field('url', 'webhook_url_https');
  return url;
};

/** A host name without the brackets of an IPv6 literal. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves the URL's host and checks every address; the answer is the address to connect to, so the
 * connection goes where the check looked (a second DNS answer — rebinding — is never asked for).
 * Outside production any address is allowed (a local receiver).
 */
export const resolveTarget = async (url: URL, policy: UrlPolicy): Promise<{ address: string; family: 4 | 6 }> => {
  const host = bareHost(url);
  const family = isIP(host);
  const addresses = family
    ? [{ address: host, family: family === 6 ? (6 as const) : (4 as const) }]
    : await policy.resolve(host).catch(() => []);
  const [first] = addresses;
  if (!first) throw AppError.field('url', 'webhook_url_unresolvable');
  if (policy.production && addresses.some((a) => isRefusedAddress(a.address)))
    throw AppError.field('url', 'webhook_url_private');
  return first;
};

/** The check at registration: the shape, then (in production) every address the host has now. */
export const checkWebhookUrl = async (raw: string, policy: UrlPolicy): Promise<string> => {
  const url = parseWebhookUrl(raw, policy);
  if (policy.production) await resolveTarget(url, policy);
  return url.toString();
};
