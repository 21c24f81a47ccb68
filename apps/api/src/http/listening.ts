/**
 * The line the API prints once it listens: the address it really listens on (Nest's getUrl() shows
 * 127.0.0.1 for 0.0.0.0, which hid that every interface is served), and where the data is.
 */
import type { AddressInfo } from 'node:net';

export function listeningLine(address: AddressInfo | string | null, where: string): string {
  if (!address || typeof address === 'string') return `survey api listening on ${address ?? 'an unknown address'} (${where})`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const every = address.address === '0.0.0.0' ? 'every IPv4 interface' : address.address === '::' ? 'every interface' : null;
  const note = every ? `${every}; from this machine http://localhost:${address.port}` : null;
  return `survey api listening on http://${host}:${address.port} (${[note, where].filter(Boolean).join('; ')})`;
}
