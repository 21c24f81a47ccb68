/** The one ValidationPipe: whitelist and forbid unknown properties; failures list every field. */
import { BadRequestException, ValidationError } from '@nestjs/common';
import type { FieldError } from '@survey/domain';
import { TextKeysValidationPipe } from './text-keys-pipe';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export const validationPipe = new TextKeysValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: (errors) => {
    const fields = flatten(errors);
    return new BadRequestException({ message: `invalid request body: ${fields.map((f) => f.message).join('; ')}`, errors: fields });
  },
});
