import { isIPv4 } from 'node:net';
import type { AddressInfo } from 'node:net';

/** What counts as this machine: for the Host header, for a serviceUrl, and the address the server reaches itself at. */

/** A Host header that names this machine: localhost, 127.0.0.0/8 or [::1], with any port. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || (isIPv4(name) && name.startsWith('127.'));
}

/**
 * True for http(s) addresses on this machine: localhost and 127.0.0.0/8 (the URL parser normalises
 * other spellings of them). Not [::1]: the Bot Framework's HTTP client cannot reach it.
 */
export function isLoopbackUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || (isIPv4(host) && host.startsWith('127.'));
}

/**
 * Where the server reaches itself, as a serviceUrl: 127.0.0.1 when it listens on every interface,
 * localhost for IPv6 loopback (which the Bot Framework's client cannot reach as [::1]), else the one
 * address it listens on. Only a loopback address passes Emulator mode's check of serviceUrls.
 */
export function ownServiceUrl(address: AddressInfo): string {
  const host = address.address;
  if (host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${address.port}`;
  if (host === '::1') return `http://localhost:${address.port}`;
  return `http://${isIPv4(host) ? host : `[${host}]`}:${address.port}`;
}
