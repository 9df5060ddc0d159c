import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { IsBusinessDate, IsEntityId } from './field-validators';

export class RegisterPartnerDto {
  @IsEntityId('The partner’s id in 1C’s partner register')
  partnerId!: string;

  @ApiProperty({ example: 'ООО «Альфа-Софт»' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'RU' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ description: 'Whether the partner is a 1C franchisee' })
  @IsBoolean()
  franchisee!: boolean;

  @ApiPropertyOptional({ example: 'Калужская область' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;
}

export class CertifyPartnerDto {
  @IsBusinessDate('The date the 1С:ЦСК status takes effect')
  certifiedOn!: string;

  @ApiProperty({ minimum: 1, example: 3 })
  @IsInt()
  @Min(1)
  certifiedSpecialists!: number;

  @ApiProperty({ example: 'Иванов Иван Иванович' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  responsibleEmployee!: string;

  @ApiProperty({ description: 'Must be true: the partner supports its clients', example: true })
  @Equals(true)
  supportCommitment!: true;
}

export class RevokeCertificationDto {
  @IsBusinessDate('The first day without the 1С:ЦСК status')
  revokedOn!: string;

  @ApiProperty({ example: 'Not enough certified specialists' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class AstralCertificationDto {
  @IsBusinessDate('The date of certification by ZAO «Калуга Астрал»')
  certifiedOn!: string;
}

export class ObligationsDto {
  @ApiProperty({ enum: ['fulfilled', 'breached'] })
  @IsIn(['fulfilled', 'breached'])
  status!: 'fulfilled' | 'breached';

  @IsBusinessDate('From which date this status holds')
  since!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
