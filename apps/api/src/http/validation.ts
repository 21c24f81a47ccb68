/**
 * The one ValidationPipe: whitelist and forbid unknown properties. A failure names what was wrong
 * (the request body, or the query parameters: a bad `?limit=` is not a bad body) and lists the
 * fields, at most MAX_FIELD_ERRORS of them (the ProblemFilter caps every error list the same way).
 */
import { ArgumentMetadata, BadRequestException, ValidationError } from '@nestjs/common';
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

class SurveyValidationPipe extends TextKeysValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
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
