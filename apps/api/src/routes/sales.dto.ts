import { MAX_QUANTITY, MAX_SALE_AMOUNT } from '@fresh/domain';
import { IsBusinessDate, IsCount, IsEntityId, IsMoney } from './field-validators';

export class SellSubscriptionDto {
  @IsEntityId('The sale’s id, chosen by the partner system')
  saleId!: string;

  @IsEntityId('The selling partner (a partner key names itself)')
  partnerId!: string;

  @IsEntityId('The client, connected by the same partner')
  clientId!: string;

  @IsEntityId('ITSaaS position code of the price list in force on soldOn')
  positionCode!: string;

  @IsCount({ min: 1, max: MAX_QUANTITY, example: 1, description: 'Units sold' })
  quantity!: number;

  @IsBusinessDate('The date of sale')
  soldOn!: string;
}

export class RecordPaymentDto {
  @IsBusinessDate('The date 1C received the payment')
  paidOn!: string;

  @IsMoney('The amount received, in roubles (at most what one sale can cost)', MAX_SALE_AMOUNT)
  amount!: string;
}
