import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_QUEUE_STATUSES, CaseQueueStatus } from '@survey/application';
import { DecimalInt } from '../http/query-params';

export const DEFAULT_CASE_PAGE = 50;

/** `GET /v1/rectification/cases?campaignId=&agencyId=&status=open|overdue|closed&limit=&after=` */
export class ListCasesQueryDto {
  @IsOptional() @IsString() @MaxLength(200) campaignId?: string;
  @IsOptional() @IsString() @MaxLength(200) agencyId?: string;
  @IsOptional() @IsIn(CASE_QUEUE_STATUSES) status?: CaseQueueStatus;
  @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(1000) after?: string;
}
