/**
 * The bodies of the case steps. Their shape is checked here (a missing or non-text field, an
 * unknown property: 400 with field errors); which channel, kind, level or outcome is allowed, and
 * text lengths in characters, are the domain's rules (400 as well, from the decider).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

const reason = { type: 'string', description: '1–2,000 characters' } as const;

export class ContactDto {
  /** phone, visit, online or letter */
  @ApiProperty({ enum: ['phone', 'visit', 'online', 'letter'] }) @IsString() channel!: string;
  @ApiProperty({ type: 'string', description: 'what was said; 1–2,000 characters' }) @IsString() summary!: string;
}

export class ReportDto {
  /** rectified or explanation */
  @ApiProperty({ enum: ['rectified', 'explanation'] }) @IsString() kind!: string;
  @ApiProperty({ type: 'string', description: 'what the agency did or why nothing is to be done; 1–2,000 characters' }) @IsString() actions!: string;
}

export class FollowUpDto {
  /** A level of the campaign's scale. */
  @ApiProperty({ type: 'string', description: 'a level of the campaign\'s scale', example: 'satisfied' }) @IsString() level!: string;
  @ApiPropertyOptional({ type: 'string', description: 'at most 2,000 characters' }) @IsOptional() @IsString() comment?: string | null;
}

export class AppealDto {
  @ApiProperty(reason) @IsString() reason!: string;
}

export class AppealDecisionDto {
  @ApiProperty({ type: 'boolean', description: 'true closes the case and invalidates the evaluation' }) @IsBoolean() upheld!: boolean;
  @ApiProperty(reason) @IsString() reason!: string;
}

export class CloseCaseDto {
  /** rectified, explained or unreachable */
  @ApiProperty({ enum: ['rectified', 'explained', 'unreachable'] }) @IsString() outcome!: string;
  @ApiProperty({ type: 'string', description: '1–2,000 characters' }) @IsString() note!: string;
}
