/**
 * Headers of the API's own answers (the pages have theirs: ./page-headers.ts). Every /v1 answer is
 * `X-Content-Type-Options: nosniff`, so a browser never runs a JSON or CSV body as something else;
 * every answer to a request that carries credentials is `Cache-Control: no-store`, so no browser,
 * proxy or shared cache keeps a ballot, a report or an error about a token. Set as the request
 * arrives, so that errors carry them too; a route may still set its own.
 */
import type { FastifyInstance } from 'fastify';

export function addApiHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/v1/')) reply.header('x-content-type-options', 'nosniff');
    if (request.headers.authorization !== undefined) reply.header('cache-control', 'no-store');
    done();
  });
}
