/**
 * The bodies of the request routes. Their shape is checked here (a missing or non-text field, an
 * unknown property: 400 with field errors); which category, channel or level is allowed, text lengths
 * in characters and the credit code's check digit are the domain's rules (400, or 422 for a credit
 * code that fails GB 32100, from the decider).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

const text = (what: string) => ({ type: 'string', description: `${what}; 1–2,000 characters` }) as const;
const reason = (what: string) => ({ type: 'string', description: `${what}; 1–500 characters` }) as const;

export class FileRequestDto {
  @ApiProperty({ type: 'string', description: 'one of the deployment\'s categories (by default consultation, approval, operations, finance, land, talent, contracts, legal, disturbance)', example: 'approval' })
  @IsString() category!: string;
  @ApiProperty({ type: 'string', description: '1–100 characters' }) @IsString() title!: string;
  @ApiProperty(text('what the enterprise asks for')) @IsString() description!: string;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'an agency of the directory the filer thinks should handle it; the centre still dispatches' })
  @IsOptional() @IsString() @MaxLength(200) agencyId?: string | null;
  @ApiPropertyOptional({ type: 'string', description: 'the centre only: the enterprise it files for' }) @IsOptional() @IsString() @MaxLength(200) creditCode?: string;
  @ApiPropertyOptional({ enum: ['12345', 'window', 'phone', 'online'], description: 'the centre only: where the request came in' }) @IsOptional() @IsString() @MaxLength(50) channel?: string;
}

export class DispatchDto {
  @ApiProperty({ type: 'string', description: 'an agency of the directory (GET /v1/agencies)' }) @IsString() @MaxLength(200) agencyId!: string;
}

export class ReturnDto {
  @ApiProperty(reason('why it is not this agency\'s')) @IsString() reason!: string;
}

export class ExtensionDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 30, description: 'working days more; at most 30 granted in all' }) @IsInt() workingDays!: number;
  @ApiProperty(reason('why more time is needed')) @IsString() reason!: string;
}

export class ExtensionDecisionDto {
  @ApiProperty({ type: 'boolean', description: 'true moves the resolve deadline by the working days asked' }) @IsBoolean() granted!: boolean;
}

export class ResolveDto {
  @ApiProperty(text('the answer to the enterprise')) @IsString() reply!: string;
}

export class RateDto {
  @ApiProperty({ type: 'string', description: 'a level of the default scale', example: 'satisfied' }) @IsString() level!: string;
  @ApiPropertyOptional({ type: 'string', description: 'at most 2,000 characters' }) @IsOptional() @IsString() comment?: string | null;
}

export class WithdrawDto {
  @ApiPropertyOptional({ type: 'string', description: 'at most 500 characters' }) @IsOptional() @IsString() reason?: string | null;
}

export class CloseRequestDto {
  @ApiProperty(text('how the centre settled the escalated request')) @IsString() note!: string;
}
