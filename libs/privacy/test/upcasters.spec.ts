import { PERSONAL_DATA, SCHEMA_VERSIONS } from '@fresh/domain';
import { upcast, UPCASTERS } from '../src';

const connected = (inn: string) => ({
  clientId: 'C1',
  partnerId: 'P1',
  inn,
  name: 'ИП Иванов',
  application: 'БП',
  workplaces: 1,
  basis: 'itsaas',
  connectedOn: '2014-12-10',
  segment: 'non-csk',
  supportedBy: 'P1',
});

describe('upcasters: stored data of an earlier schema version in the current shape', () => {
  it('puts the personal fields of a version 1 event aside, in the clear, under their subject', () => {
    const { inn: _inn, name: _name, ...rest } = connected('770123456703');
    expect(upcast('ClientConnected', 1, connected('770123456703'))).toEqual({
      schemaVersion: 2,
      data: {
        ...rest,
        personal: {
          subject: 'client-C1',
          fields: ['name', 'inn'],
          clear: { name: 'ИП Иванов', inn: '770123456703' },
        },
      },
    });
    expect(
      upcast('PartnerCertified', 1, {
        partnerId: 'P2',
        certifiedOn: '2013-06-01',
        certifiedSpecialists: 4,
        responsibleEmployee: 'Петров П. П.',
        supportCommitment: true,
      }),
    ).toEqual({
      schemaVersion: 2,
      data: {
        partnerId: 'P2',
        certifiedOn: '2013-06-01',
        certifiedSpecialists: 4,
        supportCommitment: true,
        personal: {
          subject: 'partner-P2',
          fields: ['responsibleEmployee'],
          clear: { responsibleEmployee: 'Петров П. П.' },
        },
      },
    });
  });

  it('leaves a legal entity’s event, an event without a note, and current versions as they are', () => {
    expect(upcast('ClientConnected', 1, connected('7707083893'))).toEqual({
      schemaVersion: 2,
      data: connected('7707083893'),
    });
    const change = { partnerId: 'P1', status: 'breached', since: '2015-02-01' };
    expect(upcast('PartnerObligationsChanged', 1, change).data).toEqual(change);
    const sealed = {
      clientId: 'C1',
      personal: { subject: 'client-C1', keyId: 'dk_1', sealed: {} },
    };
    expect(upcast('ClientConnected', 2, sealed)).toEqual({ schemaVersion: 2, data: sealed });
    expect(upcast('SubscriptionSold', 1, { saleId: 'S1' })).toEqual({
      schemaVersion: 1,
      data: { saleId: 'S1' },
    });
  });

  it('has an upcaster for every version step of every type, or says which one is missing', () => {
    for (const [type, current] of Object.entries(SCHEMA_VERSIONS))
      for (let version = 1; version < current; version++)
        expect({ type, version, has: typeof UPCASTERS[type]?.[version] }).toEqual({
          type,
          version,
          has: 'function',
        });
    expect(Object.keys(UPCASTERS).sort()).toEqual(Object.keys(PERSONAL_DATA).sort());
    expect(() => upcast('ClientConnected', 0, {})).toThrow(
      'no upcaster for ClientConnected from version 0',
    );
  });
});
