import {
  IsBusinessDate,
  IsCount,
  IsEntityId,
  IsNestedObject,
  IsOneOf,
  IsText,
} from './field-validators';

export class ItsProfContractDto {
  @IsText({ example: 'ИТС-2014-000123', maxLength: 100 })
  number!: string;

  @IsBusinessDate('Last day the ITS PROF contract is valid')
  validUntil!: string;
}

export class ConnectClientDto {
  @IsEntityId('The client’s id')
  clientId!: string;

  @IsEntityId('The connecting partner (a partner key names itself)')
  partnerId!: string;

  @IsText({
    description: 'INN: 10 digits for a company, 12 for an entrepreneur',
    example: '7707083893',
    maxLength: 20,
  })
  inn!: string;

  @IsText({ example: 'ООО «Ромашка»', maxLength: 300 })
  name!: string;

  @IsText({ example: 'Бухгалтерия предприятия', maxLength: 200 })
  application!: string;

  @IsCount({ min: 1, example: 3 })
  workplaces!: number;

  @IsOneOf(['itsaas', 'its-prof'])
  basis!: 'itsaas' | 'its-prof';

  @IsNestedObject(() => ItsProfContractDto, true)
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

  @IsOneOf(['exchange', 'autonomous-workstation', 'customization'])
  service!: 'exchange' | 'autonomous-workstation' | 'customization';

  @IsBusinessDate('The date it is enabled')
  enabledOn!: string;
}

export class MigrateClientDto {
  @IsEntityId('The partner performing the migration')
  partnerId!: string;

  @IsOneOf(['to-service', 'to-local'])
  direction!: 'to-service' | 'to-local';

  @IsBusinessDate('The date of migration')
  migratedOn!: string;
}
