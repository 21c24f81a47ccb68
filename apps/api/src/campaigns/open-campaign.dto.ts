import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ID_MESSAGE = 'must be lower-case letters, digits and hyphens (at most 63)';

export class AgencyDto {
  @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id!: string;
  @IsString() @Length(1, 100) name!: string;
}

export class QuestionDto {
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'id must be lower-case letters, digits or _' }) id!: string;
  @IsString() @Length(1, 500) text!: string;
}

export class ScaleLevelDto {
  @IsString() @MinLength(1) @MaxLength(40) id!: string;
  @IsString() @Length(1, 100) label!: string;
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsBoolean() satisfied!: boolean;
  @IsBoolean() negative!: boolean;
}

export class OpenCampaignDto {
  @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsString() @Length(1, 200) title!: string;
  @IsDateString({ strict: true }) opensAt!: string;
  @IsDateString({ strict: true }) closesAt!: string;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AgencyDto) agencies!: AgencyDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QuestionDto) questions?: QuestionDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(11) @ValidateNested({ each: true }) @Type(() => ScaleLevelDto) scale?: ScaleLevelDto[];
}
