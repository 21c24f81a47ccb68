/**
 * The one media type besides JSON: `text/csv` bodies for the admin imports, handed to the route as
 * a stream (the importer reads it a record at a time) under their own, larger limit. Any other
 * route answers text/csv with the usual 415, so a JSON route never sees a stream.
 */
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const UPLOAD_LIMIT = 64 * 1024 * 1024;
export const UPLOAD_ROUTES = '/v1/admin/imports/';

const MIB = 1024 * 1024;
const httpError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });
export const uploadTooLarge = (limit: number) =>
  httpError(413, `the upload is larger than ${limit / MIB} MiB: split the file (rows already read went in; importing a file again changes nothing)`);

export function addCsvUploadParser(fastify: FastifyInstance, limit = UPLOAD_LIMIT): void {
  fastify.addContentTypeParser('text/csv', (request: FastifyRequest, payload: Readable, done: (error: Error | null, body?: unknown) => void) => {
    if (!request.routeOptions.url?.startsWith(UPLOAD_ROUTES)) {
      done(Object.assign(httpError(415, 'send the body as application/json'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
      return;
    }
    // Refused before a byte is read when the client says how much it sends; counted otherwise.
    if (Number(request.headers['content-length']) > limit) {
      done(uploadTooLarge(limit));
      return;
    }
    done(null, limited(payload, limit));
  });
}

/** The body as it arrives, failing with a 413 once more than `limit` bytes have come. */
export function limited(payload: Readable, limit: number): Readable {
  let seen = 0;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(uploadTooLarge(limit));
      else callback(null, chunk);
    },
  });
  payload.on('error', (error) => out.destroy(error));
  return payload.pipe(out);
}

export function isUpload(body: unknown): body is Readable {
  return typeof (body as Readable | undefined)?.pipe === 'function';
}
