import { IsString } from 'class-validator';

/** Whether the reason is 1–500 characters (code points) and not blank is the domain's rule (400 either way). */
export class InvalidateEvaluationDto {
  @IsString() reason!: string;
}
