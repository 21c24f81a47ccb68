import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ID_MESSAGE = 'must be lower-case letters, digits and hyphens (at most 63)';

export class AgencyDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'tax' }) @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id!: string;
  @ApiProperty({ minLength: 1, maxLength: 100, example: '市税务局' }) @IsString() @Length(1, 100) name!: string;
}

export class QuestionDto {
  @ApiProperty({ pattern: '^[a-z][a-z0-9_]{0,39}$', example: 'efficiency' }) @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'id must be lower-case letters, digits or _' }) id!: string;
  @ApiProperty({ minLength: 1, maxLength: 500 }) @IsString() @Length(1, 500) text!: string;
}

export class ScaleLevelDto {
  @ApiProperty({ minLength: 1, maxLength: 40, example: 'satisfied' }) @IsString() @MinLength(1) @MaxLength(40) id!: string;
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @Length(1, 100) label!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) score!: number;
  @ApiProperty({ description: 'counts toward the satisfaction rate' }) @IsBoolean() satisfied!: boolean;
  @ApiProperty({ description: 'a bad review' }) @IsBoolean() negative!: boolean;
}

export class OpenCampaignDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'xz-2019' }) @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString({ strict: true }) opensAt!: string;
  @ApiProperty({ format: 'date-time', description: 'after opensAt' }) @IsDateString({ strict: true }) closesAt!: string;
  @ApiProperty({ type: [AgencyDto], minItems: 1, maxItems: 500 }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AgencyDto) agencies!: AgencyDto[];
  @ApiPropertyOptional({ type: [QuestionDto], maxItems: 50 }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QuestionDto) questions?: QuestionDto[];
  @ApiPropertyOptional({ type: [ScaleLevelDto], maxItems: 11, description: 'ordered levels; the five-level government-service scale when absent' }) @IsOptional() @IsArray() @ArrayMaxSize(11) @ValidateNested({ each: true }) @Type(() => ScaleLevelDto) scale?: ScaleLevelDto[];
}
