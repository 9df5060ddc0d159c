import {
  IsBusinessDate,
  IsCount,
  IsCountry,
  IsEntityId,
  IsFlag,
  IsOneOf,
  IsText,
} from './field-validators';

export class RegisterPartnerDto {
  @IsEntityId('The partner’s id in 1C’s partner register')
  partnerId!: string;

  @IsText({ example: 'ООО «Альфа-Софт»', maxLength: 300 })
  name!: string;

  @IsCountry('ISO 3166-1 alpha-2')
  country!: string;

  @IsFlag('Whether the partner is a 1C franchisee')
  franchisee!: boolean;

  @IsText({ example: 'Калужская область', maxLength: 200, optional: true })
  region?: string;
}

export class CertifyPartnerDto {
  @IsBusinessDate('The date the 1С:ЦСК status takes effect')
  certifiedOn!: string;

  @IsCount({ min: 1, example: 3 })
  certifiedSpecialists!: number;

  @IsText({ example: 'Иванов Иван Иванович', maxLength: 300 })
  responsibleEmployee!: string;

  @IsFlag('Must be true: the partner supports its clients', true)
  supportCommitment!: true;
}

export class RevokeCertificationDto {
  @IsBusinessDate('The first day without the 1С:ЦСК status')
  revokedOn!: string;

  @IsText({ example: 'Not enough certified specialists', maxLength: 1000 })
  reason!: string;
}

export class AstralCertificationDto {
  @IsBusinessDate('The date of certification by ZAO «Калуга Астрал»')
  certifiedOn!: string;
}

export class ObligationsDto {
  @IsOneOf(['fulfilled', 'breached'])
  status!: 'fulfilled' | 'breached';

  @IsBusinessDate('From which date this status holds')
  since!: string;

  @IsText({ example: 'Late reports in March', maxLength: 1000, optional: true })
  note?: string;
}
