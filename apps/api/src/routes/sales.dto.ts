import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsBusinessDate, IsEntityId, IsMoney } from './field-validators';

export class SellSubscriptionDto {
  @IsEntityId('The sale’s id, chosen by the partner system')
  saleId!: string;

  @IsEntityId('The selling partner (a partner key names itself)')
  partnerId!: string;

  @IsEntityId('The client, connected by the same partner')
  clientId!: string;

  @IsEntityId('ITSaaS position code of the price list in force on soldOn')
  positionCode!: string;

  @ApiProperty({ minimum: 1, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;

  @IsBusinessDate('The date of sale')
  soldOn!: string;
}

export class RecordPaymentDto {
  @IsBusinessDate('The date 1C received the payment')
  paidOn!: string;

  @IsMoney('The amount received, in roubles', { positive: true })
  amount!: string;
}
