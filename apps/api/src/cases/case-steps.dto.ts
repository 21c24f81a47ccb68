/**
 * The bodies of the case steps. Their shape is checked here (a missing or non-text field, an
 * unknown property: 400 with field errors); which channel, kind, level or outcome is allowed, and
 * text lengths in characters, are the domain's rules (400 as well, from the decider).
 */
import { IsBoolean, IsOptional, IsString } from 'class-validator';

export class ContactDto {
  /** phone, visit, online or letter */
  @IsString() channel!: string;
  @IsString() summary!: string;
}

export class ReportDto {
  /** rectified or explanation */
  @IsString() kind!: string;
  @IsString() actions!: string;
}

export class FollowUpDto {
  /** A level of the campaign's scale. */
  @IsString() level!: string;
  @IsOptional() @IsString() comment?: string | null;
}

export class AppealDto {
  @IsString() reason!: string;
}

export class AppealDecisionDto {
  @IsBoolean() upheld!: boolean;
  @IsString() reason!: string;
}

export class CloseCaseDto {
  /** rectified, explained or unreachable */
  @IsString() outcome!: string;
  @IsString() note!: string;
}
