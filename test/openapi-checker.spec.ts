/**
 * The response checker (test/support/openapi.ts) refuses what the description does not allow: an
 * undocumented status, media type or operation, a body off its schema, a body where none is
 * documented; and takes an answer that matches, $refs and nullable members included.
 */
import type { Response } from 'supertest';
import { OpenApiDocument, ResponseChecker } from './support/openapi';

const DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'Things_get',
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: { description: 'none', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
      delete: { operationId: 'Things_delete', responses: { 204: { description: 'gone' } } },
    },
    '/v1/things/{id}.csv': {
      get: { operationId: 'Things_csv', responses: { 200: { description: 'ok', content: { 'text/csv; charset=utf-8': { schema: { type: 'string' } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id', 'at'], properties: { id: { type: 'string' }, at: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } } },
      Problem: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'integer' } } },
    },
  },
};

const answer = (method: string, path: string, status: number, type: string, text: string) =>
  ({ req: { method, path }, status, headers: type ? { 'content-type': type } : {}, text }) as unknown as Response;

describe('the response checker', () => {
  const checker = new ResponseChecker(DOCUMENT);

  it('takes answers the description allows', () => {
    checker.check(answer('GET', '/v1/things/a', 200, 'application/json; charset=utf-8', '{"id":"a","at":null}'));
    checker.check(answer('GET', '/v1/things/a', 200, 'application/json', '{"id":"a","at":"2019-12-31T23:59:59.000Z"}'));
    checker.check(answer('GET', '/v1/things/a', 404, 'application/problem+json; charset=utf-8', '{"status":404}'));
    checker.check(answer('GET', '/v1/things/a.csv', 200, 'text/csv; charset=utf-8', '\uFEFFid\r\na\r\n'));
    checker.check(answer('DELETE', '/v1/things/a', 204, '', ''));
    expect([...checker.seen.entries()].map(([op, s]) => [op, [...s]])).toEqual([
      ['GET /v1/things/{id}', [200, 404]], ['GET /v1/things/{id}.csv', [200]], ['DELETE /v1/things/{id}', [204]],
    ]);
  });

  it('refuses an undocumented operation, status or media type, a body off its schema, a body where none is documented', () => {
    expect(() => checker.check(answer('PUT', '/v1/things/a', 200, 'application/json', '{}'))).toThrow(/not in the OpenAPI description/);
    expect(() => checker.check(answer('GET', '/v1/things/a', 409, 'application/problem+json', '{"status":409}'))).toThrow(/status not documented/);
    expect(() => checker.check(answer('GET', '/v1/things/a', 404, 'application/json', '{"status":404}'))).toThrow(/content type application\/json not documented/);
    expect(() => checker.check(answer('GET', '/v1/things/a', 200, 'application/json', '{"id":1,"at":"yesterday"}'))).toThrow(/id must be string[\s\S]*at must match format/);
    expect(() => checker.check(answer('GET', '/v1/things/a', 404, 'application/problem+json', '{"status":404,"stack":"…"}'))).toThrow(/must NOT have additional properties/);
    expect(() => checker.check(answer('DELETE', '/v1/things/a', 204, 'application/json', '{}'))).toThrow(/documented without a body/);
  });
});
