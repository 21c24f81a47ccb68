/**
 * How a route declares, once, what it answers in the OpenAPI description: a summary, its success
 * statuses with their bodies, and the error statuses of its own rules (404, 409…), each an
 * application/problem+json body. What every route of a kind can answer (401 and 403 with a token,
 * 400/413/415 with a body, 429, 500, 503) is added from the metadata that causes it when the
 * document is built (./api-description.ts), so it cannot be forgotten on one route.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ContentObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { problemContent } from './problem.schema';

export type Schema = SchemaObject | ReferenceObject;

/** A success body: JSON of a schema, CSV text, or nothing (204, 304). */
export type SuccessBody = { json: Schema } | { csv: true } | { empty: true };

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Schema): SuccessBody => ({ json: schema });
export const CSV: SuccessBody = { csv: true };
export const EMPTY: SuccessBody = { empty: true };

export interface RouteAnswers {
  summary: string;
  /** Why the route exists or what it does beyond the summary (the roles are added to it). */
  description?: string;
  /** The statuses answered with a body of the route's own (its successes; readiness's 503 too) and what they carry. */
  ok: Record<number, SuccessBody>;
  /** Error statuses of the route's own rules, with what each means. */
  errors?: Record<number, string>;
  /** Optional query parameters read by hand (not through a DTO), with what each means. */
  query?: Record<string, string>;
  /** The body is a CSV file (text/csv, UTF-8) with this header row, instead of JSON. */
  csvUpload?: string;
}

export function contentOf(body: SuccessBody): ContentObject | undefined {
  if ('json' in body) return { 'application/json': { schema: body.json } };
  if ('csv' in body) return { 'text/csv; charset=utf-8': { schema: { type: 'string' as const, description: 'UTF-8 with a BOM first' } } };
  return undefined;
}

export function Answers({ summary, description, ok, errors = {}, query = {}, csvUpload }: RouteAnswers): MethodDecorator {
  const upload = csvUpload ? [ApiConsumes('text/csv'), ApiBody({ description: `UTF-8 CSV, header \`${csvUpload}\`, streamed`, schema: { type: 'string' } })] : [];
  return applyDecorators(
    ...upload,
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ...Object.entries(query).map(([name, about]) => ApiQuery({ name, required: false, type: String, description: about })),
    ...Object.entries(ok).map(([status, body]) => ApiResponse({ status: Number(status), description: Number(status) < 300 ? 'success' : 'see the body', content: contentOf(body) })),
    ...Object.entries(errors).map(([status, why]) => ApiResponse({ status: Number(status), description: why, content: problemContent })),
  );
}
