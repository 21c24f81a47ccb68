import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ENTERPRISE_SIZES, EnterpriseSize } from '@survey/domain';

export class RegisterEnterpriseDto {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 50) district!: string;
  @Matches(/^[A-T]$/, { message: 'industry must be a GB/T 4754 section letter A–T' }) industry!: string;
  @IsIn(ENTERPRISE_SIZES) size!: EnterpriseSize;
}
