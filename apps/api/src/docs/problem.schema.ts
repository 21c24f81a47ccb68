/**
 * The problem+json body (RFC 9457) as ProblemFilter writes it (../http/problem.filter.ts), in the
 * OpenAPI description: every error of every route refers to it.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const PROBLEM_SCHEMA_NAME = 'Problem';

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An error (RFC 9457). `errors` lists the fields a validation refused (at most 100; `errorCount` says how many there were when more).',
  required: ['type', 'title', 'status', 'detail'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Not Found' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the request path' },
    requestId: { type: 'string', description: 'on a 5xx: the id under which the failure is logged (also in X-Request-Id)' },
    errors: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object', required: ['field', 'message'], additionalProperties: false,
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    errorCount: { type: 'integer', minimum: 101 },
  },
};

export const problemContent = { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } };
