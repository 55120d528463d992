/**
 * Hostname normalisation for custom domains and routing: lowercase, no trailing dot, IDN as
 * punycode (through the WHATWG URL parser, the same in Node and Workers), and only public DNS
 * names — no IP literals, no single-label names, no ports.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type HostnameResult = { ok: true; hostname: string } | { ok: false; reason: string };

export function normalizeHostname(input: string): HostnameResult {
  if (typeof input !== 'string' || input.length === 0 || input.length > 300) {
    return { ok: false, reason: 'a hostname of at most 253 characters' };
  }
  if (/[\s/:@?#\\[\]%]/.test(input)) {
    return { ok: false, reason: 'a bare hostname (no scheme, port, path or user)' };
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${input}/`).hostname;
  } catch {
    return { ok: false, reason: 'a valid hostname' };
  }
  hostname = hostname.replace(/\.$/, '');
  const labels = hostname.split('.');
  if (hostname.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    return { ok: false, reason: 'a public DNS name such as widgets.bank.example' };
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '') || /^\[|^[0-9.]+$/.test(hostname)) {
    return { ok: false, reason: 'a DNS name, not an IP address' };
  }
  return { ok: true, hostname };
}
