/**
 * Checks real answers against the API's OpenAPI description (/docs/openapi.json): the operation
 * must be documented (method and path template), the status must be one it lists, the media type
 * one of that status's, and a JSON or problem+json body must match the schema (OpenAPI 3.1's
 * schemas are JSON Schema 2020-12: ajv's 2020 class, with ajv-formats for date-time and the like). Every checked answer is recorded by operation and
 * status, so a suite can also require that each operation was seen succeeding and failing.
 */
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

interface MediaType { schema?: object }
interface ResponseSpec { description: string; content?: Record<string, MediaType> }
export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseSpec>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const SCHEMAS_ID = 'openapi-schemas';
/** `#/components/schemas/X` as ajv finds it once the component schemas are one schema of its own. */
const toAjvRefs = (schema: object, prefix: string) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${prefix}#/$defs/`)) as object;

interface Template { path: string; method: string; pattern: RegExp; literal: number; operation: Operation }

export class ResponseChecker {
  private readonly ajv: Ajv2020;
  private readonly templates: Template[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  /** Statuses seen, by `METHOD /path/{template}`. */
  readonly seen = new Map<string, Set<number>>();

  /**
   * `validateSchemas`: check the schemas themselves against JSON Schema's meta-schema first (most of
   * the cost of building a checker; test/openapi.e2e-spec.ts does, the other suites' checker does not).
   */
  constructor(readonly document: OpenApiDocument, { validateSchemas = true } = {}) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, validateSchema: validateSchemas });
    addFormats(this.ajv);
    this.ajv.addKeyword('example');
    this.ajv.addSchema({ $id: SCHEMAS_ID, $defs: toAjvRefs(document.components.schemas, '') });
    for (const [path, item] of Object.entries(document.paths)) {
      const source = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
      for (const [method, operation] of Object.entries(item)) {
        this.templates.push({ path, method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), literal: path.replace(/\{[^}]+\}/g, '').length, operation });
      }
    }
  }

  /** Every operation as `METHOD /path`. */
  operations(): string[] {
    return this.templates.map((t) => `${t.method} ${t.path}`);
  }

  /** Whether `res` answers a documented operation (a page, a HEAD or an unknown path does not). */
  documents(res: Response): boolean {
    return this.templateOf(res) !== undefined;
  }

  /** Throws when `res` is not an answer the description allows; returns `res` so calls can chain. */
  check(res: Response): Response {
    const template = this.templateOf(res);
    const request = (res as unknown as { req: { method: string; path: string } }).req;
    if (!template) throw new Error(`${request.method} ${request.path} is not in the OpenAPI description`);
    const where = `${request.method} ${template.path} → ${res.status}`;
    const spec = template.operation.responses[String(res.status)];
    if (!spec) throw new Error(`${where}: status not documented (documented: ${Object.keys(template.operation.responses).join(', ')}); body: ${res.text?.slice(0, 300)}`);
    const key = `${template.method} ${template.path}`;
    if (!this.seen.has(key)) this.seen.set(key, new Set());
    this.seen.get(key)!.add(res.status);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    if (!spec.content) {
      if (mediaType || (res.text ?? '') !== '') throw new Error(`${where}: documented without a body, got ${mediaType || 'a body'}: ${res.text?.slice(0, 200)}`);
      return res;
    }
    const documented = Object.keys(spec.content);
    const entry = documented.find((type) => type.split(';')[0].trim() === mediaType);
    if (!entry) throw new Error(`${where}: content type ${mediaType || '(none)'} not documented (${documented.join(', ')})`);
    const schema = spec.content[entry].schema;
    // No text: the client did not read the body (a refused upload whose connection the server closed).
    if (!schema || !/json$/.test(mediaType) || res.text === undefined) return res;
    const validate = this.validatorOf(`${key} ${res.status} ${entry}`, schema);
    if (!validate(JSON.parse(res.text))) {
      throw new Error(`${where}: body does not match the schema:\n${this.ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${res.text.slice(0, 1500)}`);
    }
    return res;
  }

  private templateOf(res: Response): Template | undefined {
    const request = (res as unknown as { req: { method: string; path: string } }).req;
    let path: string;
    try {
      path = decodeURI(request.path.split('?')[0]);
    } catch {
      path = request.path.split('?')[0]; // a malformed percent-encoding, as a fuzzer sends
    }
    // The most literal template wins: /…/{id}.csv over /…/{id}.
    return this.templates.filter((t) => t.method === request.method && t.pattern.test(path)).sort((a, b) => b.literal - a.literal)[0];
  }

  private validatorOf(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(toAjvRefs(schema, SCHEMAS_ID))));
    return validate;
  }
}

type Agent = ReturnType<typeof import('supertest')>;

/**
 * A supertest agent whose every answer to a documented operation is checked as it arrives; what
 * does not match is added to `mismatches` (the suite's own assertions run as they would anyway).
 */
export function checkedAgent(agent: Agent, checker: () => ResponseChecker, mismatches: string[]): Agent {
  return new Proxy(agent, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (test && typeof (test as { on?: unknown }).on === 'function') {
          (test as { on: (event: string, listener: (res: Response) => void) => void }).on('response', (res) => {
            if (!checker().documents(res)) return;
            try {
              checker().check(res);
            } catch (e) {
              mismatches.push((e as Error).message);
            }
          });
        }
        return test;
      };
    },
  });
}
