/**
 * How the Node edge calls a tenant's webhook endpoints: only public addresses. An endpoint's
 * host name is public when registered, but DNS can point it at 10.0.0.5, 169.254.169.254 (cloud
 * metadata) or 127.0.0.1 later — or between a check and the connection (DNS rebinding). So the
 * check is in the connection itself: undici resolves through `publicLookup`, which refuses any
 * private, loopback, link-local, unique-local, carrier-grade NAT, multicast or reserved address
 * (ipaddr.js's ranges), and the socket connects to exactly the address that was checked.
 * Redirects are not followed (a 3xx is the endpoint's answer). On Workers, fetch cannot reach
 * private networks, so the Worker needs none of this.
 */
import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/** Whether an address is on the public internet (ipaddr.js calls that range `unicast`). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** `dns.lookup` that answers only public addresses, else fails the connection. */
export function publicLookup(
  resolve: typeof lookup = lookup,
): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const all = addresses as LookupAddress[];
      const refused = all.find((a) => !isPublicAddress(a.address));
      if (refused || all.length === 0) {
        const failure: NodeJS.ErrnoException = new Error(
          `webhook host ${hostname} resolves to a non-public address; refused`,
        );
        failure.code = 'EGW_PRIVATE_ADDRESS';
        return callback(failure, []);
      }
      if (options.all) return callback(null, all);
      const first = all[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** The fetch webhook deliveries go through on Node (see the module header). */
export function publicOnlyFetch(
  resolve: typeof lookup = lookup,
): (url: string, init: RequestInit) => Promise<Response> {
  const dispatcher = new Agent({ connect: { lookup: publicLookup(resolve) } });
  return async (url, init) => {
    // An address written in the URL is connected to without a lookup: judged here instead.
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !isPublicAddress(host))
      throw new TypeError(`webhook URL ${url} names a non-public address; refused`);
    return (await undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
      redirect: 'manual',
    })) as unknown as Response;
  };
}

const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\//;

/**
 * The Node edge's webhook fetch: public addresses only, except — when the edge allows
 * loopback endpoints (development and tests, never production) — `http://127.0.0.1:<port>/…`.
 */
export function webhookFetch(
  allowLoopback: boolean,
  resolve: typeof lookup = lookup,
): (url: string, init: RequestInit) => Promise<Response> {
  const publicFetch = publicOnlyFetch(resolve);
  return (url, init) =>
    allowLoopback && LOOPBACK_URL.test(url) ? fetch(url, init) : publicFetch(url, init);
}
