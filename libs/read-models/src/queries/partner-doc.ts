import { ConnectionBasis, ObligationsStatus, Segment } from '@fresh/domain';
import { Doc } from '../read-store.port';

export interface Change<T> {
  on: string;
  value: T;
}
export interface Money {
  count: number;
  retail: number;
  discount: number;
  net: number;
}

/** The `partners` read model (see partners.projection.ts). */
export interface PartnerDoc extends Doc {
  name: string;
  country: string;
  franchisee: boolean;
  region: string | null;
  registeredOn: string;
  csk?: Change<boolean>[];
  astral?: Change<boolean>[];
  obligations?: Change<ObligationsStatus>[];
  connections?: Record<string, Partial<Record<Segment, Partial<Record<ConnectionBasis, number>>>>>;
  sales?: Record<string, Partial<Record<Segment, Money>>>;
  payers?: Record<string, string>;
  paid?: { count: number; amount: number };
}

export const SEGMENTS: readonly Segment[] = ['csk', 'non-csk'];
