import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_QUEUE_STATUSES, CaseQueueStatus } from '@survey/application';
import { DecimalInt } from '../http/query-params';

export const DEFAULT_CASE_PAGE = 50;

/** `GET /v1/rectification/cases?campaignId=&agencyId=&status=open|overdue|closed&limit=&after=` */
export class ListCasesQueryDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) campaignId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'an agency\'s token may name its own only' }) @IsOptional() @IsString() @MaxLength(200) agencyId?: string;
  @ApiPropertyOptional({ enum: CASE_QUEUE_STATUSES }) @IsOptional() @IsIn(CASE_QUEUE_STATUSES) status?: CaseQueueStatus;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 }) @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ maxLength: 1000, description: 'the `next` of the previous page' }) @IsOptional() @IsString() @MaxLength(1000) after?: string;
}
