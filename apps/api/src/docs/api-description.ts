/**
 * Builds the OpenAPI 3 description of the API from its controllers and DTOs (@nestjs/swagger), then
 * adds to every operation what the route's own metadata implies, from the very metadata the guards
 * act on, so the description and the behaviour cannot part: the roles (`@Allow`) as a bearer
 * security requirement, in the description and as 401/403; the request-rate limits (`@Unlimited`,
 * `@ReplaysTheLog`…) as 429 (and 503 when every replay worker is busy); a body's 400/413/415; and
 * the 500 and 503 (storage unavailable) any route can answer. Errors are problem+json throughout.
 */
import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, OperationObject, SwaggerModule } from '@nestjs/swagger';
import type { Role } from '@survey/application';
import { ALLOWED } from '../http/auth';
import { KIND, RouteKind } from '../http/rate-limit';
import { API_SCHEMAS } from './schemas';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME, problemContent } from './problem.schema';

export const BEARER = 'bearer';

/** Operation ids as a client generator names its methods: `Campaigns_open`. */
const operationId = (controller: string, method: string) => `${controller.replace(/Controller$/, '')}_${method}`;

interface RouteFacts {
  roles: Role[];
  limit: RouteKind | undefined;
  method: string;
}

const COMMON_ERRORS: Record<number, string> = {
  400: 'malformed JSON, or a body that does not match the schema (`errors` names the fields)',
  401: 'missing, malformed, expired or badly signed token, or a revoked invitation link',
  403: 'the token\'s role may not do this',
  413: 'body over 64 KiB',
  415: 'a body that is not application/json',
  429: 'too many requests: wait for Retry-After seconds',
  500: 'the server failed (the body carries the request id it logged)',
  503: 'storage unavailable (Retry-After), nothing acknowledged',
};

export function describeApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Satisfaction survey API')
    .setDescription('Enterprises rate municipal agencies; analysts read reports; auditors replay history; admins run campaigns. Errors are application/problem+json (RFC 9457). The reference with the rules behind each answer: docs/api.md.')
    .setVersion('1')
    // 3.1, whose schemas are JSON Schema 2020-12: null is a type (3.0's `nullable` cannot make a $ref nullable).
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256, claims sub, role, exp' }, BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  const dtos = document.components?.schemas ?? {};
  // The validation pipe refuses any property a DTO does not declare (../http/validation.ts).
  for (const schema of Object.values(dtos)) if (!('$ref' in schema)) schema.additionalProperties = false;
  document.components = { ...document.components, schemas: { ...dtos, ...API_SCHEMAS, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA } };
  const facts = routeFacts(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const fact = operation.operationId ? facts.get(operation.operationId) : undefined;
      if (!fact) throw new Error(`unreachable: no route for operation ${operation.operationId}`);
      completeOperation(path, operation, fact);
      // Grouped by resource (/v1/{campaigns|enterprises|reports|public|audit|admin|health}), not by controller class.
      operation.tags = [path.split('/')[2]];
    }
  }
  return document;
}

function completeOperation(path: string, operation: OperationObject, { roles, limit, method }: RouteFacts): void {
  const add = (status: number, description = COMMON_ERRORS[status]) => {
    // A status the route declares itself (@Answers) keeps its own description.
    if (!Object.hasOwn(operation.responses, status)) operation.responses[status] = { description, content: problemContent };
  };
  // Fastify refuses a malformed percent-encoding in a path parameter before any route runs.
  if (path.includes('{')) add(400, 'a path parameter that is not valid percent-encoding');
  const who = roles.length ? `Roles: ${roles.join(', ')}.` : 'Public: no token needed.';
  operation.description = operation.description ? `${who}\n\n${operation.description}` : who;
  operation.security = roles.length ? [{ [BEARER]: [] }] : [];
  if (roles.length) [401, 403].forEach((status) => add(status));
  // Fastify reads a body on DELETE too when one is sent.
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) [400, 413, 415].forEach((status) => add(status));
  const reads = method === 'GET';
  const limited = limit !== 'unlimited' && (!roles.length || !reads || limit === 'replays' || limit === 'replays-as-of');
  if (limited) add(429);
  [500, 503].forEach((status) => add(status));
  if (limit === 'replays' || limit === 'replays-as-of') {
    (operation.responses[503] as { description: string }).description += '; or every replay worker busy (Retry-After)';
  }
}

/** Roles, rate-limit kind and method of every route, by operation id (the metadata Nest routes by). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verb === undefined) continue;
        facts.set(operationId(controller.name, name), {
          roles: reflector.getAllAndOverride<Role[] | undefined>(ALLOWED, [handler, controller]) ?? [],
          limit: reflector.getAllAndOverride<RouteKind | undefined>(KIND, [handler, controller]),
          method: RequestMethod[verb],
        });
      }
    }
  }
  return facts;
}
