import { IsDateString, IsString, Length, Matches } from 'class-validator';
import { ID_PATTERN } from './open-campaign.dto';

/** PATCH /v1/campaigns/{id}: only the closing can change, and only to a later time. */
export class ChangeCampaignDto {
  @IsDateString({ strict: true }) closesAt!: string;
}

export class AddAgencyDto {
  @Matches(ID_PATTERN, { message: 'id must be lower-case letters, digits and hyphens (at most 63)' }) id!: string;
  @IsString() @Length(1, 100) name!: string;
}

export class PutAgencyDto {
  @IsString() @Length(1, 100) name!: string;
}
