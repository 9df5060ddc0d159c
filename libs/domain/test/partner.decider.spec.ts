import {
  obligationsOn,
  partnerDecider,
  RegisteredPartner,
  segmentOn,
  fold,
  isAstralCertifiedOn,
} from '../src';
import { astralCertified, cskCertified, cskRevoked, registered, TODAY } from './fixtures';
import { given } from './given';

describe('partner', () => {
  it('registers a partner', () => {
    given(partnerDecider)
      .when(
        {
          type: 'RegisterPartner',
          today: TODAY,
          data: { partnerId: 'P1', name: 'Альфа', country: 'RU', franchisee: true },
        },
        undefined,
      )
      .then([
        {
          type: 'PartnerRegistered',
          data: { partnerId: 'P1', name: 'Альфа', country: 'RU', franchisee: true },
        },
      ]);
  });
  it('refuses a partner id that is taken (ALREADY_EXISTS)', () => {
    given(partnerDecider, [registered()])
      .when(
        {
          type: 'RegisterPartner',
          today: TODAY,
          data: { partnerId: 'P1', name: 'Бета', country: 'RU', franchisee: true },
        },
        undefined,
      )
      .thenRefuses('ALREADY_EXISTS');
  });
  it('refuses to certify an unknown partner (PARTNER_NOT_FOUND)', () => {
    given(partnerDecider)
      .when(
        {
          type: 'GrantAstralCertification',
          today: TODAY,
          data: { partnerId: 'P9', certifiedOn: '2015-01-01' },
        },
        undefined,
      )
      .thenRefuses('PARTNER_NOT_FOUND');
  });
  it('refuses a certification dated after today (FUTURE_DATE)', () => {
    given(partnerDecider, [registered()])
      .when(
        {
          type: 'CertifyPartner',
          today: '2015-01-31',
          data: { ...cskCertified('2015-02-01').data },
        } as never,
        undefined,
      )
      .thenRefuses('FUTURE_DATE');
  });
  it('accepts a certification dated today', () => {
    const event = cskCertified('2015-01-31');
    given(partnerDecider, [registered()])
      .when({ type: 'CertifyPartner', today: '2015-01-31', data: event.data } as never, undefined)
      .then([event]);
  });

  describe('statuses are timelines of business dates', () => {
    const partner = fold(partnerDecider, [
      registered(),
      cskCertified('2015-02-01'),
      astralCertified('2015-03-01'),
      cskRevoked('2015-04-01'),
      {
        type: 'PartnerObligationsChanged',
        data: { partnerId: 'P1', status: 'breached', since: '2015-03-15' },
      },
      {
        type: 'PartnerObligationsChanged',
        data: { partnerId: 'P1', status: 'fulfilled', since: '2015-04-10' },
      },
    ]) as RegisteredPartner;

    it('is CSK from the certification date until the revocation date', () => {
      expect(segmentOn(partner, '2015-01-31')).toBe('non-csk');
      expect(segmentOn(partner, '2015-02-01')).toBe('csk');
      expect(segmentOn(partner, '2015-03-31')).toBe('csk');
      expect(segmentOn(partner, '2015-04-01')).toBe('non-csk');
    });
    it('is Astral-certified from its certification date', () => {
      expect(isAstralCertifiedOn(partner, '2015-02-28')).toBe(false);
      expect(isAstralCertifiedOn(partner, '2015-03-01')).toBe(true);
    });
    it('fulfils its obligations unless a breach is in force', () => {
      expect(obligationsOn(partner, '2015-03-14')).toBe('fulfilled');
      expect(obligationsOn(partner, '2015-03-15')).toBe('breached');
      expect(obligationsOn(partner, '2015-04-09')).toBe('breached');
      expect(obligationsOn(partner, '2015-04-10')).toBe('fulfilled');
    });
    it('places a certification recorded late at its business date', () => {
      const late = fold(partnerDecider, [
        registered(),
        cskRevoked('2015-04-01'),
        cskCertified('2015-02-01'),
      ]) as RegisteredPartner;
      expect(segmentOn(late, '2015-03-01')).toBe('csk');
      expect(segmentOn(late, '2015-04-01')).toBe('non-csk');
    });
  });
});

describe('revoking a CSK certification (NOT_CERTIFIED)', () => {
  const revoke = (revokedOn: string) => ({
    type: 'RevokeCertification' as const,
    today: TODAY,
    data: { partnerId: 'P1', revokedOn, reason: 'certificates lapsed' },
  });

  it('refuses to revoke a certification the partner never held', () => {
    given(partnerDecider, [registered()])
      .when(revoke('2015-03-01'), undefined)
      .thenRefuses('NOT_CERTIFIED');
  });
  it('refuses a revocation dated the day before the certification (31 January 2015)', () => {
    given(partnerDecider, [registered(), cskCertified('2015-02-01')])
      .when(revoke('2015-01-31'), undefined)
      .thenRefuses('NOT_CERTIFIED');
  });
  it('revokes a certification on the day it was granted, and any day it holds', () => {
    for (const revokedOn of ['2015-02-01', '2015-03-31']) {
      given(partnerDecider, [registered(), cskCertified('2015-02-01')])
        .when(revoke(revokedOn), undefined)
        .then([cskRevoked(revokedOn)]);
    }
  });
  it('refuses a second revocation dated on or after the first (1 April 2015)', () => {
    const history = [registered(), cskCertified('2015-02-01'), cskRevoked('2015-04-01')];
    given(partnerDecider, history)
      .when(revoke('2015-04-01'), undefined)
      .thenRefuses('NOT_CERTIFIED');
    given(partnerDecider, history)
      .when(revoke('2015-05-01'), undefined)
      .thenRefuses('NOT_CERTIFIED');
  });
  it('revokes again after a new certification', () => {
    given(partnerDecider, [
      registered(),
      cskCertified('2015-02-01'),
      cskRevoked('2015-04-01'),
      cskCertified('2015-06-01'),
    ])
      .when(revoke('2015-07-01'), undefined)
      .then([cskRevoked('2015-07-01')]);
  });
  it('checks the date before the certification (FUTURE_DATE first)', () => {
    given(partnerDecider, [registered()])
      .when({ ...revoke('2015-03-02'), today: '2015-03-01' }, undefined)
      .thenRefuses('FUTURE_DATE');
  });
});
