import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsString, Length, Matches } from 'class-validator';
import { ID_PATTERN } from './open-campaign.dto';

/** PATCH /v1/campaigns/{id}: only the closing can change, and only to a later time. */
export class ChangeCampaignDto {
  @ApiProperty({ format: 'date-time', description: 'later than the current closing' }) @IsDateString({ strict: true }) closesAt!: string;
}

export class AddAgencyDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'courts' }) @Matches(ID_PATTERN, { message: 'id must be lower-case letters, digits and hyphens (at most 63)' }) id!: string;
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
}

export class PutAgencyDto {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
}
