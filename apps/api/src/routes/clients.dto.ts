import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsEntityId } from './field-validators';

export class ItsProfContractDto {
  @ApiProperty({ example: 'ИТС-2014-000123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  number!: string;

  @IsBusinessDate('Last day the ITS PROF contract is valid')
  validUntil!: string;
}

export class ConnectClientDto {
  @IsEntityId('The client’s id')
  clientId!: string;

  @IsEntityId('The connecting partner (a partner key names itself)')
  partnerId!: string;

  @ApiProperty({
    description: 'INN: 10 digits for a company, 12 for an entrepreneur',
    example: '7707083893',
  })
  @IsString()
  @MaxLength(20)
  inn!: string;

  @ApiProperty({ example: 'ООО «Ромашка»' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 'Бухгалтерия предприятия' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  application!: string;

  @ApiProperty({ minimum: 1, example: 3 })
  @IsInt()
  @Min(1)
  workplaces!: number;

  @ApiProperty({ enum: ['itsaas', 'its-prof'] })
  @IsIn(['itsaas', 'its-prof'])
  basis!: 'itsaas' | 'its-prof';

  @ApiPropertyOptional({ type: ItsProfContractDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ItsProfContractDto)
  itsProfContract?: ItsProfContractDto;

  @IsBusinessDate('The date of connection')
  connectedOn!: string;
}

export class ConnectReportingDto {
  @IsEntityId('The Astral-certified partner connecting 1С-Отчетность')
  partnerId!: string;

  @IsBusinessDate('The date of connection')
  connectedOn!: string;
}

export class EnableServiceDto {
  @IsEntityId('The CSK partner setting the mechanism up')
  partnerId!: string;

  @ApiProperty({ enum: ['exchange', 'autonomous-workstation', 'customization'] })
  @IsIn(['exchange', 'autonomous-workstation', 'customization'])
  service!: 'exchange' | 'autonomous-workstation' | 'customization';

  @IsBusinessDate('The date it is enabled')
  enabledOn!: string;
}

export class MigrateClientDto {
  @IsEntityId('The partner performing the migration')
  partnerId!: string;

  @ApiProperty({ enum: ['to-service', 'to-local'] })
  @IsIn(['to-service', 'to-local'])
  direction!: 'to-service' | 'to-local';

  @IsBusinessDate('The date of migration')
  migratedOn!: string;
}
