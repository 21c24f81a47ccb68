import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DecimalInt } from '../http/query-params';

/** `GET /v1/notifications/parked?after=<key>&limit=100`: key order, `after` the previous page's `next`. */
export class ParkedQueryDto {
  @IsOptional() @IsString() @MaxLength(200) after?: string;
  @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(1000) limit?: number;
}
