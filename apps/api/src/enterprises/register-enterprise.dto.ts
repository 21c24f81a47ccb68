import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ENTERPRISE_SIZES, EnterpriseSize } from '@survey/domain';

export class RegisterEnterpriseDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ minLength: 1, maxLength: 50, example: '鼓楼区' }) @IsString() @Length(1, 50) district!: string;
  @ApiProperty({ pattern: '^[A-T]$', description: 'GB/T 4754 section letter' }) @Matches(/^[A-T]$/, { message: 'industry must be a GB/T 4754 section letter A–T' }) industry!: string;
  @ApiProperty({ enum: ENTERPRISE_SIZES }) @IsIn(ENTERPRISE_SIZES) size!: EnterpriseSize;
}
