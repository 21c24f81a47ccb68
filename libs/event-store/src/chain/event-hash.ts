/**
 * The tamper-evidence hashes, pure so that anyone can recompute them from the stored bytes.
 *
 * Event hash: sha256 (hex) chaining each event to the previous event of its stream, over
 *   "survey-chain/1\n" + for each of [previous hash, stream, revision, type, data, metadata]:
 *   "<length in UTF-8 bytes>:<text>\n"
 * where data and metadata are the JSON text exactly as stored, revision is in decimal and the
 * previous hash of a stream's first event is the empty string. Length prefixes make the encoding
 * unambiguous whatever a field contains.
 *
 * Rolling hash of the whole log: r(0) = "", r(n) = sha256(r(n-1) + hash of the n-th event), hex,
 * over every event in global order, seals included (a seal covers what came before it).
 */
import { createHash } from 'node:crypto';

export const GENESIS = '';

export interface HashedFields {
  stream: string;
  revision: number;
  type: string;
  /** JSON text as stored. */
  data: string;
  /** JSON text as stored. */
  metadata: string;
}

function field(text: string): string {
  return `${Buffer.byteLength(text, 'utf8')}:${text}\n`;
}

export function eventHash(previous: string, e: HashedFields): string {
  const text =
    'survey-chain/1\n' + field(previous) + field(e.stream) + field(String(e.revision)) + field(e.type) + field(e.data) + field(e.metadata);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function rollingHash(previous: string, eventHashHex: string): string {
  return createHash('sha256').update(previous + eventHashHex, 'utf8').digest('hex');
}

/** The short form of an event hash that a seal lists for every event it covers (see seal.ts). */
export const DIGEST_LENGTH = 8;
export const digestOf = (hash: string): string => hash.slice(0, DIGEST_LENGTH);
