import { IsObject, IsOptional, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

/** An object whose every value is a short string: question id → level id. */
function IsLevelMap(options?: ValidationOptions) {
  return ValidateBy({
    name: 'isLevelMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length <= 50 &&
        Object.values(value).every((v) => typeof v === 'string' && v.length <= 40),
      defaultMessage: () => 'answers must map question ids to level ids (strings)',
    },
  }, options);
}

/**
 * The shape of an evaluation. Whether `rating` and the answers are levels of the campaign's scale,
 * whether the questions are the campaign's, and the comment's length in characters are rules of
 * the domain, checked there against the campaign (400 either way).
 */
export class SubmitEvaluationDto {
  @IsString() @MaxLength(40) rating!: string;
  @IsOptional() @IsObject() @IsLevelMap() answers?: Record<string, string>;
  @IsOptional() @IsString() comment?: string | null;
}
