import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** Whether the reason is 1–500 characters (code points) and not blank is the domain's rule (400 either way). */
export class InvalidateEvaluationDto {
  @ApiProperty({ minLength: 1, maxLength: 500 }) @IsString() reason!: string;
}
