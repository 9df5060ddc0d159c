import {
  clientDecider,
  ClientCommand,
  ClientContext,
  experimentsDecider,
  fold,
  partnerDecider,
  PartnerEvent,
  ConnectClient,
} from '../src';
import {
  astralCertified,
  clientConnected,
  cskCertified,
  cskRevoked,
  experimentStarted,
  migrated,
  registered,
  TODAY,
} from './fixtures';
import { given } from './given';

const context = (partner: PartnerEvent[] = [registered()]): ClientContext => ({
  partner: fold(partnerDecider, partner),
  experiments: fold(experimentsDecider, [experimentStarted()]),
});
const connect = (over: Partial<ConnectClient['data']> = {}): ConnectClient => {
  const { segment: _s, supportedBy: _b, ...data } = clientConnected().data;
  return { type: 'ConnectClient', today: TODAY, data: { ...data, ...over } };
};
const forClient = (command: Omit<ClientCommand, 'today'>) =>
  ({ ...command, today: TODAY }) as ClientCommand;

describe('connecting a client', () => {
  it('connects a non-CSK partner’s client inside the experiment; 1C supports it', () => {
    given(clientDecider).when(connect(), context()).then([clientConnected()]);
  });
  it('connects a CSK partner’s client at any time; the partner supports it', () => {
    const [event] = given(clientDecider)
      .when(
        connect({ connectedOn: '2016-03-01' }),
        context([registered(), cskCertified('2013-01-10')]),
      )
      .result();
    expect(event.data).toMatchObject({
      segment: 'csk',
      supportedBy: 'P1',
      connectedOn: '2016-03-01',
    });
  });
  it('refuses a non-CSK connection before the experiment starts (EXPERIMENT_NOT_ACTIVE)', () => {
    given(clientDecider)
      .when(connect({ connectedOn: '2014-12-07' }), context())
      .thenRefuses('EXPERIMENT_NOT_ACTIVE');
  });
  it('refuses a non-CSK connection after 31 May 2015 (EXPERIMENT_NOT_ACTIVE)', () => {
    given(clientDecider)
      .when(connect({ connectedOn: '2015-06-01' }), context())
      .thenRefuses('EXPERIMENT_NOT_ACTIVE');
  });
  it('refuses a partner outside Russia (NOT_RUSSIAN_FRANCHISEE)', () => {
    given(clientDecider)
      .when(connect(), context([registered('P1', { country: 'KZ' })]))
      .thenRefuses('NOT_RUSSIAN_FRANCHISEE');
  });
  it('refuses a partner that is not a franchisee (NOT_RUSSIAN_FRANCHISEE)', () => {
    given(clientDecider)
      .when(connect(), context([registered('P1', { franchisee: false })]))
      .thenRefuses('NOT_RUSSIAN_FRANCHISEE');
  });
  it('refuses an INN with a wrong check digit (INVALID_INN)', () => {
    given(clientDecider)
      .when(connect({ inn: '7707083894' }), context())
      .thenRefuses('INVALID_INN');
  });
  it('refuses a client id that is taken (ALREADY_EXISTS)', () => {
    given(clientDecider, [clientConnected()])
      .when(connect(), context())
      .thenRefuses('ALREADY_EXISTS');
  });
  it('refuses an unknown partner (PARTNER_NOT_FOUND)', () => {
    given(clientDecider).when(connect(), context([])).thenRefuses('PARTNER_NOT_FOUND');
  });
  it('refuses a connection dated after today (FUTURE_DATE)', () => {
    given(clientDecider)
      .when({ ...connect({ connectedOn: '2015-01-02' }), today: '2015-01-01' }, context())
      .thenRefuses('FUTURE_DATE');
  });
  it('refuses an its-prof connection without a contract (ITS_PROF_CONTRACT_REQUIRED)', () => {
    given(clientDecider)
      .when(connect({ basis: 'its-prof' }), context())
      .thenRefuses('ITS_PROF_CONTRACT_REQUIRED');
  });
  it('refuses an its-prof connection whose contract expired before the connection date', () => {
    given(clientDecider)
      .when(
        connect({
          basis: 'its-prof',
          itsProfContract: { number: 'ИТС-1', validUntil: '2014-12-09' },
        }),
        context(),
      )
      .thenRefuses('ITS_PROF_CONTRACT_REQUIRED');
  });
  it('connects an its-prof client whose contract is valid on the connection date', () => {
    const itsProfContract = { number: 'ИТС-1', validUntil: '2014-12-10' };
    const [event] = given(clientDecider)
      .when(connect({ basis: 'its-prof', itsProfContract }), context())
      .result();
    expect(event.data).toMatchObject({ basis: 'its-prof', itsProfContract, segment: 'non-csk' });
  });
});

describe('reporting, services and migrations', () => {
  const reporting = (partnerId: string, connectedOn: string) =>
    forClient({ type: 'ConnectReporting', data: { clientId: 'C1', partnerId, connectedOn } });
  const service = (
    service: 'exchange' | 'autonomous-workstation' | 'customization',
    enabledOn = '2015-02-10',
  ) =>
    forClient({
      type: 'EnableService',
      data: { clientId: 'C1', partnerId: 'P1', service, enabledOn },
    });

  it('lets an Astral-certified non-CSK partner connect 1С-Отчетность', () => {
    given(clientDecider, [clientConnected()])
      .when(reporting('P1', '2015-03-01'), context([registered(), astralCertified('2015-03-01')]))
      .then([
        {
          type: 'ReportingConnected',
          data: { clientId: 'C1', partnerId: 'P1', connectedOn: '2015-03-01' },
        },
      ]);
  });
  it('refuses 1С-Отчетность before the Astral certification (NOT_ASTRAL_CERTIFIED)', () => {
    given(clientDecider, [clientConnected()])
      .when(reporting('P1', '2015-02-28'), context([registered(), astralCertified('2015-03-01')]))
      .thenRefuses('NOT_ASTRAL_CERTIFIED');
  });
  it('refuses 1С-Отчетность for an unknown client (CLIENT_NOT_FOUND)', () => {
    given(clientDecider)
      .when(reporting('P1', '2015-03-01'), context())
      .thenRefuses('CLIENT_NOT_FOUND');
  });
  it('refuses 1С-Отчетность dated before the client was connected (CLIENT_NOT_CONNECTED)', () => {
    given(clientDecider, [clientConnected()])
      .when(reporting('P1', '2014-12-09'), context([registered(), astralCertified('2014-01-01')]))
      .thenRefuses('CLIENT_NOT_CONNECTED');
  });
  it.each(['exchange', 'autonomous-workstation', 'customization'] as const)(
    'refuses %s to a non-CSK partner (NOT_CSK)',
    (name) => {
      given(clientDecider, [clientConnected()])
        .when(service(name), context())
        .thenRefuses('NOT_CSK');
    },
  );
  it('lets a CSK partner enable an exchange', () => {
    given(clientDecider, [clientConnected()])
      .when(service('exchange'), context([registered(), cskCertified('2015-02-01')]))
      .then([
        {
          type: 'ServiceEnabled',
          data: { clientId: 'C1', partnerId: 'P1', service: 'exchange', enabledOn: '2015-02-10' },
        },
      ]);
  });
  it('refuses a service for a client that moved to a local installation (CLIENT_NOT_CONNECTED)', () => {
    given(clientDecider, [clientConnected(), migrated('to-local', '2015-02-01')])
      .when(service('exchange'), context([registered(), cskCertified('2015-01-01')]))
      .thenRefuses('CLIENT_NOT_CONNECTED');
  });
  it('refuses to move a local client to local again (CLIENT_NOT_CONNECTED), and brings it back to the service', () => {
    const migrate = (direction: 'to-local' | 'to-service', migratedOn: string) =>
      forClient({
        type: 'MigrateClient',
        data: { clientId: 'C1', partnerId: 'P1', direction, migratedOn },
      });
    const history = [clientConnected(), migrated('to-local', '2015-02-01')];
    given(clientDecider, history)
      .when(migrate('to-local', '2015-03-01'), context())
      .thenRefuses('CLIENT_NOT_CONNECTED');
    given(clientDecider, history)
      .when(migrate('to-service', '2015-03-01'), context())
      .then([migrated('to-service', '2015-03-01')]);
  });
  it('refuses a migration dated before the connection (CLIENT_NOT_CONNECTED)', () => {
    given(clientDecider, [clientConnected()])
      .when(
        forClient({
          type: 'MigrateClient',
          data: {
            clientId: 'C1',
            partnerId: 'P1',
            direction: 'to-service',
            migratedOn: '2014-12-01',
          },
        }),
        context(),
      )
      .thenRefuses('CLIENT_NOT_CONNECTED');
  });
});

describe('own clients (NOT_OWN_CLIENT)', () => {
  // C1 was connected on 10 December 2014 by P2; P1 is another partner.
  const ofP2 = [clientConnected('C1', 'P2')];
  const reporting = (connectedOn: string) =>
    forClient({
      type: 'ConnectReporting',
      data: { clientId: 'C1', partnerId: 'P1', connectedOn },
    });
  const migrate = (partnerId: string, direction: 'to-local' | 'to-service', migratedOn: string) =>
    forClient({
      type: 'MigrateClient',
      data: { clientId: 'C1', partnerId, direction, migratedOn },
    });

  it('refuses 1С-Отчетность by an Astral-certified non-CSK partner for another partner’s client', () => {
    given(clientDecider, ofP2)
      .when(reporting('2015-03-01'), context([registered(), astralCertified('2015-01-01')]))
      .thenRefuses('NOT_OWN_CLIENT');
  });
  it('lets an Astral-certified CSK partner connect 1С-Отчетность for any client', () => {
    given(clientDecider, ofP2)
      .when(
        reporting('2015-03-01'),
        context([registered(), cskCertified('2015-02-01'), astralCertified('2015-01-01')]),
      )
      .then([
        {
          type: 'ReportingConnected',
          data: { clientId: 'C1', partnerId: 'P1', connectedOn: '2015-03-01' },
        },
      ]);
  });
  it('judges CSK status on the connection date: not yet CSK on 31 January 2015 (NOT_OWN_CLIENT)', () => {
    given(clientDecider, ofP2)
      .when(
        reporting('2015-01-31'),
        context([registered(), cskCertified('2015-02-01'), astralCertified('2015-01-01')]),
      )
      .thenRefuses('NOT_OWN_CLIENT');
  });
  it('judges CSK status on the connection date: revoked from 1 April 2015 (NOT_OWN_CLIENT)', () => {
    given(clientDecider, ofP2)
      .when(
        reporting('2015-04-01'),
        context([
          registered(),
          cskCertified('2015-02-01'),
          cskRevoked('2015-04-01'),
          astralCertified('2015-01-01'),
        ]),
      )
      .thenRefuses('NOT_OWN_CLIENT');
  });
  it('refuses a partner without Astral certification first (NOT_ASTRAL_CERTIFIED)', () => {
    given(clientDecider, ofP2)
      .when(reporting('2015-03-01'), context())
      .thenRefuses('NOT_ASTRAL_CERTIFIED');
  });
  it.each(['to-local', 'to-service'] as const)(
    'refuses a %s migration of another partner’s client, CSK or not',
    (direction) => {
      const history = [...ofP2, migrated('to-local', '2015-02-01')];
      given(clientDecider, direction === 'to-local' ? ofP2 : history)
        .when(migrate('P1', direction, '2015-03-01'), context())
        .thenRefuses('NOT_OWN_CLIENT');
      given(clientDecider, direction === 'to-local' ? ofP2 : history)
        .when(
          migrate('P1', direction, '2015-03-01'),
          context([registered(), cskCertified('2014-01-01')]),
        )
        .thenRefuses('NOT_OWN_CLIENT');
    },
  );
  it('lets the partner that connected the client migrate it', () => {
    given(clientDecider, ofP2)
      .when(migrate('P2', 'to-local', '2015-03-01'), context([registered('P2')]))
      .then([
        {
          type: 'ClientMigrated',
          data: {
            clientId: 'C1',
            partnerId: 'P2',
            direction: 'to-local',
            migratedOn: '2015-03-01',
          },
        },
      ]);
  });
});
