/**
 * The one ValidationPipe: whitelist and forbid unknown properties. A failure names what was wrong
 * (the request body, or the query parameters: a bad `?limit=` is not a bad body) and lists the
 * fields, at most MAX_FIELD_ERRORS of them (the ProblemFilter caps every error list the same way).
 */
import { ArgumentMetadata, BadRequestException, ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '@survey/domain';
import { MAX_FIELD_ERRORS } from './field-errors';
import { NotText, TextKeysValidationPipe } from './text-keys-pipe';

/** Depth-first, stopping once `max` errors are found: 16,000 bad agencies need not all be listed. */
function flatten(errors: ValidationError[], max: number, parent = '', out: FieldError[] = []): FieldError[] {
  for (const e of errors) {
    if (out.length >= max) break;
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) if (out.length < max) out.push({ field, message });
    flatten(e.children ?? [], max, field, out);
  }
  return out;
}

function count(errors: ValidationError[]): number {
  return errors.reduce((n, e) => n + Object.keys(e.constraints ?? {}).length + count(e.children ?? []), 0);
}

/** What failed, before the place it came from is known; the pipe says which part of the request it was. */
class InvalidInput {
  constructor(readonly fields: FieldError[], readonly total: number) {}

  in(part: ArgumentMetadata['type']): BadRequestException {
    const what = part === 'query' ? 'invalid query parameters' : part === 'param' ? 'invalid path parameter' : 'invalid request body';
    const shown = this.fields.slice(0, 10).map((f) => f.message);
    const more = this.total > shown.length ? `; and ${this.total - shown.length} more` : '';
    return new BadRequestException({ message: `${what}: ${shown.join('; ')}${more}`, errors: this.fields, errorCount: this.total });
  }
}

/**
 * The properties of a body no DTO declares, refused before class-transformer sees them: it guesses
 * an undeclared object's class from its `constructor` member, and `{ "x": { "constructor": "a" } }`
 * made it throw a TypeError (a 500). The refusal is the one forbidNonWhitelisted would give.
 */
function undeclared(value: unknown, metatype: ArgumentMetadata['metatype']): FieldError[] {
  if (!metatype || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const declared = declaredOf(metatype);
  if (declared.size === 0) return [];
  return Object.keys(value).filter((key) => !declared.has(key)).map((key) => ({ field: key, message: `property ${key} should not exist` }));
}

/**
 * The properties a class declares, by class: the decorators have all run once its module is
 * loaded, and class-validator's look-up walks every class it knows, for every object the pipe
 * sees (a body, a query, the principal).
 */
const declaredByClass = new WeakMap<object, ReadonlySet<string>>();
function declaredOf(metatype: NonNullable<ArgumentMetadata['metatype']>): ReadonlySet<string> {
  let declared = declaredByClass.get(metatype);
  if (!declared) {
    declared = new Set(getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).map((m) => m.propertyName));
    declaredByClass.set(metatype, declared);
  }
  return declared;
}

class SurveyValidationPipe extends TextKeysValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      const unknown = undeclared(value, metadata.metatype);
      if (unknown.length) throw new InvalidInput(unknown.slice(0, MAX_FIELD_ERRORS), unknown.length);
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidInput) throw error.in(metadata.type);
      if (error instanceof NotText) throw new InvalidInput([{ field: error.field, message: `${error.field} must be text` }], 1).in(metadata.type);
      throw error;
    }
  }
}

export const validationPipe = new SurveyValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  // A property's first failure is enough, and it stops there: an `agencies` over its ArrayMaxSize is not
  // also validated item by item (16,000 items held the event loop for over a second).
  stopAtFirstError: true,
  exceptionFactory: (errors) => new InvalidInput(flatten(errors, MAX_FIELD_ERRORS), count(errors)),
});
