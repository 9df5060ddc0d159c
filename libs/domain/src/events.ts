import { BusinessDate } from './shared/business-date';
import { Kopecks } from './shared/money';

/**
 * Every event is a plain object with an explicit, stored `type` and the schema version of its
 * `data`. Money is integer kopecks; rates are decimal strings ("0.20").
 */
interface Event<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

export type PartnerRegistered = Event<
  'PartnerRegistered',
  { partnerId: string; name: string; country: string; franchisee: boolean; region?: string }
>;
export type PartnerCertified = Event<
  'PartnerCertified',
  {
    partnerId: string;
    certifiedOn: BusinessDate;
    certifiedSpecialists: number;
    responsibleEmployee: string;
    supportCommitment: true;
  }
>;
export type PartnerCertificationRevoked = Event<
  'PartnerCertificationRevoked',
  { partnerId: string; revokedOn: BusinessDate; reason: string }
>;
export type AstralCertificationGranted = Event<
  'AstralCertificationGranted',
  { partnerId: string; certifiedOn: BusinessDate }
>;
export type ObligationsStatus = 'fulfilled' | 'breached';
export type PartnerObligationsChanged = Event<
  'PartnerObligationsChanged',
  { partnerId: string; status: ObligationsStatus; since: BusinessDate; note?: string }
>;

export interface PricePosition {
  code: string;
  name: string;
  retailPrice: Kopecks;
  workplaces?: number;
  months?: number;
}
export type PriceListPublished = Event<
  'PriceListPublished',
  { effectiveFrom: BusinessDate; cskDiscountRate: string; positions: PricePosition[] }
>;

export type ExperimentStarted = Event<
  'ExperimentStarted',
  { experimentId: string; startsOn: BusinessDate; endsOn: BusinessDate; discountRate: string }
>;
export type ExperimentDecision = 'extend' | 'change' | 'terminate';
export type ExperimentEnded = Event<
  'ExperimentEnded',
  {
    experimentId: string;
    decision: ExperimentDecision;
    decidedOn: BusinessDate;
    effectiveOn: BusinessDate;
    newEndsOn?: BusinessDate;
    newDiscountRate?: string;
  }
>;

export type Segment = 'csk' | 'non-csk';
export type ConnectionBasis = 'itsaas' | 'its-prof';
export type ClientConnected = Event<
  'ClientConnected',
  {
    clientId: string;
    partnerId: string;
    inn: string;
    name: string;
    application: string;
    workplaces: number;
    basis: ConnectionBasis;
    itsProfContract?: { number: string; validUntil: BusinessDate };
    connectedOn: BusinessDate;
    /** The partner's segment on the connection date, and who supports the client from then on. */
    segment: Segment;
    supportedBy: string;
  }
>;
export type ReportingConnected = Event<
  'ReportingConnected',
  { clientId: string; partnerId: string; connectedOn: BusinessDate }
>;
export type ClientService = 'exchange' | 'autonomous-workstation' | 'customization';
export type ServiceEnabled = Event<
  'ServiceEnabled',
  { clientId: string; partnerId: string; service: ClientService; enabledOn: BusinessDate }
>;
export type MigrationDirection = 'to-service' | 'to-local';
export type ClientMigrated = Event<
  'ClientMigrated',
  { clientId: string; partnerId: string; direction: MigrationDirection; migratedOn: BusinessDate }
>;

export type SubscriptionSold = Event<
  'SubscriptionSold',
  {
    saleId: string;
    partnerId: string;
    clientId: string;
    positionCode: string;
    positionName: string;
    quantity: number;
    unitPrice: Kopecks;
    retail: Kopecks;
    soldOn: BusinessDate;
  }
>;

/** A stream and the revision of it that a decision read. */
export interface InputRef {
  streamId: string;
  revision: number;
}
export interface DiscountInputs {
  partner: InputRef & { csk: boolean; franchisee: boolean; country: string };
  client: InputRef & { connectedBy: string };
  priceList: InputRef & {
    effectiveFrom: BusinessDate;
    positionCode: string;
    unitPrice: Kopecks;
    cskDiscountRate: string;
  };
  /** Present when the partner sold as a non-CSK participant of an experiment. */
  experiment?: InputRef & { experimentId: string; discountRate: string };
  quantity: number;
  soldOn: BusinessDate;
}
export type DiscountRule = 'csk' | 'non-csk-experiment';
export type DiscountApplied = Event<
  'DiscountApplied',
  {
    saleId: string;
    partnerId: string;
    clientId: string;
    rule: DiscountRule;
    rate: string;
    retail: Kopecks;
    discount: Kopecks;
    net: Kopecks;
    policyVersion: string;
    inputs: DiscountInputs;
  }
>;
export type PaymentReceived = Event<
  'PaymentReceived',
  { saleId: string; partnerId: string; clientId: string; paidOn: BusinessDate; amount: Kopecks }
>;

/**
 * A subject's personal data was forgotten: its data keys were destroyed. No personal data here:
 * the subject's id, the names of the fields erased, the ids of the keys destroyed, why and when
 * (who: the event's metadata). `reason` is the operator's text and must not name the person.
 */
export type PersonalDataErased = Event<
  'PersonalDataErased',
  {
    subjectId: string;
    subjectKind: 'client' | 'partner';
    fields: string[];
    keyIds: string[];
    reason: string;
    erasedOn: BusinessDate;
  }
>;

export type PartnerEvent =
  | PartnerRegistered
  | PartnerCertified
  | PartnerCertificationRevoked
  | AstralCertificationGranted
  | PartnerObligationsChanged;
export type ClientEvent = ClientConnected | ReportingConnected | ServiceEnabled | ClientMigrated;
export type SaleEvent = SubscriptionSold | DiscountApplied | PaymentReceived;
export type ExperimentEvent = ExperimentStarted | ExperimentEnded;
export type PriceListEvent = PriceListPublished;
export type PrivacyEvent = PersonalDataErased;
export type DomainEvent =
  PartnerEvent | ClientEvent | SaleEvent | ExperimentEvent | PriceListEvent | PrivacyEvent;
export type EventType = DomainEvent['type'];

/**
 * The schema version of each event type's stored `data`; bump it when the shape changes, and add
 * an upcaster from the old version (libs/privacy/src/upcasters.ts). Version 2 of the types with
 * personal data (PERSONAL_DATA) stores those fields encrypted.
 */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  PartnerRegistered: 1,
  PartnerCertified: 2,
  PartnerCertificationRevoked: 2,
  AstralCertificationGranted: 1,
  PartnerObligationsChanged: 2,
  PriceListPublished: 1,
  ExperimentStarted: 1,
  ExperimentEnded: 1,
  ClientConnected: 2,
  ReportingConnected: 1,
  ServiceEnabled: 1,
  ClientMigrated: 1,
  SubscriptionSold: 1,
  DiscountApplied: 1,
  PaymentReceived: 1,
  PersonalDataErased: 1,
};

/** Stream names: one stream per partner, client and sale; one for the experiments, one for prices. */
export const streams = {
  partner: (partnerId: string) => `partner-${partnerId}`,
  client: (clientId: string) => `client-${clientId}`,
  sale: (saleId: string) => `sale-${saleId}`,
  experiments: 'experiments',
  priceList: 'price-list',
  /** Every erasure of personal data, in one stream: read whole at each start. */
  privacy: 'privacy',
} as const;
