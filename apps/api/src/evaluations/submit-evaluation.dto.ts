import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

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
  @ApiProperty({ maxLength: 40, description: 'a level id of the campaign\'s scale', example: 'satisfied' }) @IsString() @MaxLength(40) rating!: string;
  /**
   * Taken as the request sent it: class-transformer copies an object into a new one and skips the
   * keys it takes for that object's own members (`constructor`, `toString`, `hasOwnProperty`…), so
   * an answer to a question called `constructor` would vanish unseen (and, without `@Type`, its own
   * `constructor` would be taken for the class to build: a 500). The domain checks every key.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', maxLength: 40 }, description: 'question id → level id (at most 50)', example: { efficiency: 'satisfied' } })
  @Type(() => Object)
  @Transform(({ obj }: { obj: object }) => (Object.hasOwn(obj, 'answers') ? (obj as { answers: unknown }).answers : undefined), { toClassOnly: true })
  @IsOptional() @IsObject() @IsLevelMap() answers?: Record<string, string>;
  @ApiPropertyOptional({ type: 'string', maxLength: 2000, description: 'at most 2,000 characters' }) @IsOptional() @IsString() comment?: string | null;
  /** May the agency learn who gave a bad review and call back itself (false when absent). */
  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'may the agency learn who gave a bad review and call back itself' })
  @IsOptional() @IsBoolean() contactConsent?: boolean;
}
