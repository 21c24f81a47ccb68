import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REQUEST_QUEUE_STATUSES, RequestQueueStatus } from '@survey/application';
import { DecimalInt } from '../http/query-params';

export const DEFAULT_REQUEST_PAGE = 50;

/** `GET /v1/requests?status=&agencyId=&category=&limit=&after=` */
export class ListRequestsQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_QUEUE_STATUSES, description: 'a status, or open (not closed or withdrawn), or overdue' }) @IsOptional() @IsIn(REQUEST_QUEUE_STATUSES) status?: RequestQueueStatus;
  @ApiPropertyOptional({ maxLength: 200, description: 'requests that are or were dispatched to this agency; an agency\'s token may name its own only' }) @IsOptional() @IsString() @MaxLength(200) agencyId?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 }) @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ maxLength: 1000, description: 'the `next` of the previous page' }) @IsOptional() @IsString() @MaxLength(1000) after?: string;
}
