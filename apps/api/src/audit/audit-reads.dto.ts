import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DecimalInt } from '../http/query-params';

/** `GET /v1/audit/reads?date=YYYY-MM-DD&from=0&limit=100`; whether the date is a calendar day is the domain's check. */
export class AuditReadsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'a UTC day; today when absent' }) @IsOptional() @IsString() date?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'the `next.from` of the previous page' }) @IsOptional() @DecimalInt() @IsInt() @Min(0) from?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(1000) limit?: number;
}
