import { Decider } from '../decider';
import { ObligationsStatus, PartnerEvent, Segment } from '../events';
import { assertNotFuture, BusinessDate } from '../shared/business-date';
import { refuse } from '../shared/domain-error';
import { record, Timeline, valueOn } from '../shared/timeline';
import { PartnerCommand } from './partner.commands';

export interface RegisteredPartner {
  readonly exists: true;
  readonly partnerId: string;
  readonly name: string;
  readonly country: string;
  readonly franchisee: boolean;
  readonly csk: Timeline<boolean>;
  readonly astral: Timeline<boolean>;
  readonly obligations: Timeline<ObligationsStatus>;
}
export type PartnerState = { readonly exists: false } | RegisteredPartner;

export const segmentOn = (partner: RegisteredPartner, date: BusinessDate): Segment =>
  valueOn(partner.csk, date, false) ? 'csk' : 'non-csk';

export const isAstralCertifiedOn = (partner: RegisteredPartner, date: BusinessDate): boolean =>
  valueOn(partner.astral, date, false);

/** Obligations to 1C count as fulfilled until the vendor records otherwise. */
export const obligationsOn = (partner: RegisteredPartner, date: BusinessDate): ObligationsStatus =>
  valueOn(partner.obligations, date, 'fulfilled');

/** Only Russian franchisees may take part in the experiment (letter: «российским партнерам-франчайзи»). */
export const isRussianFranchisee = (partner: RegisteredPartner): boolean =>
  partner.franchisee && partner.country === 'RU';

export function requireRegistered(state: PartnerState, partnerId: string): RegisteredPartner {
  if (!state.exists) refuse('PARTNER_NOT_FOUND', `partner ${partnerId} is not registered`);
  return state;
}

export const partnerDecider: Decider<PartnerCommand, PartnerState, PartnerEvent> = {
  initialState: () => ({ exists: false }),

  evolve(state, event) {
    if (event.type === 'PartnerRegistered') {
      const { partnerId, name, country, franchisee } = event.data;
      return {
        exists: true,
        partnerId,
        name,
        country,
        franchisee,
        csk: [],
        astral: [],
        obligations: [],
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'PartnerCertified':
        return { ...state, csk: record(state.csk, event.data.certifiedOn, true) };
      case 'PartnerCertificationRevoked':
        return { ...state, csk: record(state.csk, event.data.revokedOn, false) };
      case 'AstralCertificationGranted':
        return { ...state, astral: record(state.astral, event.data.certifiedOn, true) };
      case 'PartnerObligationsChanged':
        return {
          ...state,
          obligations: record(state.obligations, event.data.since, event.data.status),
        };
    }
  },

  decide(command, state) {
    if (command.type === 'RegisterPartner') {
      if (state.exists)
        refuse('ALREADY_EXISTS', `partner ${command.data.partnerId} already exists`);
      return [{ type: 'PartnerRegistered', data: command.data }];
    }
    const partner = requireRegistered(state, command.data.partnerId);
    switch (command.type) {
      case 'CertifyPartner':
        assertNotFuture('certifiedOn', command.data.certifiedOn, command.today);
        return [{ type: 'PartnerCertified', data: command.data }];
      case 'RevokeCertification': {
        const { partnerId, revokedOn } = command.data;
        assertNotFuture('revokedOn', revokedOn, command.today);
        if (segmentOn(partner, revokedOn) !== 'csk') {
          refuse('NOT_CERTIFIED', `partner ${partnerId} is not CSK on ${revokedOn}`);
        }
        return [{ type: 'PartnerCertificationRevoked', data: command.data }];
      }
      case 'GrantAstralCertification':
        assertNotFuture('certifiedOn', command.data.certifiedOn, command.today);
        return [{ type: 'AstralCertificationGranted', data: command.data }];
      case 'ChangeObligations':
        assertNotFuture('since', command.data.since, command.today);
        return [{ type: 'PartnerObligationsChanged', data: command.data }];
    }
  },
};
