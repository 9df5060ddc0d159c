import { formatMoney, Kopecks } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';

type Data = Record<string, unknown>;
const money = (data: Data, ...fields: string[]): Data =>
  Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, fields.includes(k) ? formatMoney(v as Kopecks) : v]),
  );

/** Events store kopecks; the API speaks decimal strings with two places. */
function presentData(type: string, data: Data): Data {
  switch (type) {
    case 'SubscriptionSold':
      return money(data, 'unitPrice', 'retail');
    case 'DiscountApplied': {
      const inputs = data.inputs as Data;
      const priceList = money(inputs.priceList as Data, 'unitPrice');
      return { ...money(data, 'retail', 'discount', 'net'), inputs: { ...inputs, priceList } };
    }
    case 'PaymentReceived':
      return money(data, 'amount');
    case 'PriceListPublished':
      return { ...data, positions: (data.positions as Data[]).map((p) => money(p, 'retailPrice')) };
    default:
      return data;
  }
}

export interface PresentedEvent {
  type: string;
  streamId: string;
  revision: number;
  /** The global log position, as a decimal string: exact for every store. */
  position: string;
  data: Data;
}

export const presentEvent = (event: RecordedEvent): PresentedEvent => ({
  type: event.type,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position.toString(),
  data: presentData(event.type, event.data as Data),
});
