import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DecimalInt } from '../http/query-params';

/** `GET /v1/notifications/parked?after=<key>&limit=100`: key order, `after` the previous page's `next`. */
export class ParkedQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'the `next` of the previous page' }) @IsOptional() @IsString() @MaxLength(200) after?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(1000) limit?: number;
}
