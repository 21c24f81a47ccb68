/**
 * The JSON body parser of every route: Fastify's own (which refuses `__proto__` and `constructor`
 * keys that could poison prototypes), behind a check of how deeply the text nests. No body of the
 * contract nests deeper than a few levels, but the validation pipe walks a body recursively, so a
 * 20 KB array nested 10,000 deep ran it out of stack (a 500). The depth is counted on the raw text,
 * before anything parses it, so no parser or validator ever sees such a body.
 */
import type { FastifyInstance } from 'fastify';

export const MAX_JSON_DEPTH = 32;

const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** How deeply arrays and objects nest in JSON text, or Infinity once past `max` (brackets inside strings do not count). */
export function nestingDepth(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (OPEN.has(c)) {
      if (++depth > max) return Infinity;
      if (depth > deepest) deepest = depth;
    } else if (CLOSE.has(c)) {
      depth--;
    }
  }
  return deepest;
}

const tooDeep = () =>
  Object.assign(new Error(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`), { statusCode: 400 });

export function addJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      done(tooDeep(), undefined);
      return;
    }
    parse(request, text, done);
  });
}
