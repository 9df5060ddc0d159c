import { Dated } from '../decider';
import { BusinessDate } from '../shared/business-date';
import { Kopecks } from '../shared/money';

export interface SellSubscription extends Dated {
  type: 'SellSubscription';
  data: {
    saleId: string;
    partnerId: string;
    clientId: string;
    positionCode: string;
    quantity: number;
    soldOn: BusinessDate;
  };
}
export interface RecordPayment extends Dated {
  type: 'RecordPayment';
  data: { saleId: string; paidOn: BusinessDate; amount: Kopecks };
}
export type SaleCommand = SellSubscription | RecordPayment;
