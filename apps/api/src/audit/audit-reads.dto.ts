import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DecimalInt } from '../http/query-params';

/** `GET /v1/audit/reads?date=YYYY-MM-DD&from=0&limit=100`; whether the date is a calendar day is the domain's check. */
export class AuditReadsQueryDto {
  @IsOptional() @IsString() date?: string;
  @IsOptional() @DecimalInt() @IsInt() @Min(0) from?: number;
  @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(1000) limit?: number;
}
