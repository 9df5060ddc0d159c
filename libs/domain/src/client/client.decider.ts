import { Decider } from '../decider';
import { ClientEvent, ConnectionBasis, Segment } from '../events';
import { ExperimentsState } from '../experiment/experiments.decider';
import {
  isAstralCertifiedOn,
  PartnerState,
  requireRegistered,
  segmentOn,
} from '../partner/partner.decider';
import { participationOn } from '../participation';
import { assertNotFuture, BusinessDate } from '../shared/business-date';
import { refuse } from '../shared/domain-error';
import { isValidInn } from '../shared/inn';
import { record, Timeline, valueOn } from '../shared/timeline';
import { ClientCommand } from './client.commands';

export interface ConnectedClient {
  readonly exists: true;
  readonly clientId: string;
  /** The partner that connected the client: the only one that may sell to it. */
  readonly partnerId: string;
  readonly segment: Segment;
  readonly supportedBy: string;
  readonly basis: ConnectionBasis;
  readonly connectedOn: BusinessDate;
  /** Migrations move the client between the service and a local installation. */
  readonly inService: Timeline<boolean>;
}
export type ClientState = { readonly exists: false } | ConnectedClient;

export interface ClientContext {
  readonly partner: PartnerState;
  readonly experiments: ExperimentsState;
}

export const isInServiceOn = (client: ConnectedClient, date: BusinessDate): boolean =>
  client.connectedOn <= date && valueOn(client.inService, date, true);

export function requireInServiceOn(
  client: ClientState,
  clientId: string,
  date: BusinessDate,
): ConnectedClient {
  if (!client.exists || !isInServiceOn(client, date)) {
    refuse('CLIENT_NOT_CONNECTED', `client ${clientId} is not connected to the service on ${date}`);
  }
  return client;
}

/** Refuses a partner acting on a client it did not connect, where the rule is about its own. */
function requireOwnClient(client: ConnectedClient, partnerId: string, act: string): void {
  if (client.partnerId !== partnerId) {
    refuse(
      'NOT_OWN_CLIENT',
      `partner ${partnerId} may not ${act} client ${client.clientId}: another partner connected it`,
    );
  }
}

export const clientDecider: Decider<ClientCommand, ClientState, ClientEvent, ClientContext> = {
  initialState: () => ({ exists: false }),

  evolve(state, event) {
    if (event.type === 'ClientConnected') {
      const { clientId, partnerId, segment, supportedBy, basis, connectedOn } = event.data;
      return {
        exists: true,
        clientId,
        partnerId,
        segment,
        supportedBy,
        basis,
        connectedOn,
        inService: [],
      };
    }
    if (!state.exists || event.type !== 'ClientMigrated') return state;
    const { migratedOn, direction } = event.data;
    return { ...state, inService: record(state.inService, migratedOn, direction === 'to-service') };
  },

  decide(command, state, { partner: partnerState, experiments }) {
    const { clientId, partnerId } = command.data;
    if (command.type === 'ConnectClient') {
      const { data } = command;
      if (state.exists) refuse('ALREADY_EXISTS', `client ${clientId} already exists`);
      assertNotFuture('connectedOn', data.connectedOn, command.today);
      if (!isValidInn(data.inn))
        refuse('INVALID_INN', `INN ${data.inn} has a wrong length or check digit`);
      const partner = requireRegistered(partnerState, partnerId);
      const { segment } = participationOn(partner, experiments, data.connectedOn);
      if (
        data.basis === 'its-prof' &&
        !(data.itsProfContract && data.itsProfContract.validUntil >= data.connectedOn)
      ) {
        refuse(
          'ITS_PROF_CONTRACT_REQUIRED',
          `an its-prof connection needs an ITS PROF contract valid on ${data.connectedOn}`,
        );
      }
      // The letter: after a non-CSK sale, 1C supports the client; a CSK partner supports its own.
      const supportedBy = segment === 'csk' ? partnerId : '1C';
      return [{ type: 'ClientConnected', data: { ...data, segment, supportedBy } }];
    }
    if (!state.exists) refuse('CLIENT_NOT_FOUND', `client ${clientId} does not exist`);
    const partner = requireRegistered(partnerState, partnerId);
    switch (command.type) {
      case 'ConnectReporting': {
        const { connectedOn } = command.data;
        assertNotFuture('connectedOn', connectedOn, command.today);
        requireInServiceOn(state, clientId, connectedOn);
        if (!isAstralCertifiedOn(partner, connectedOn)) {
          refuse(
            'NOT_ASTRAL_CERTIFIED',
            `partner ${partnerId} is not certified by Kaluga Astral on ${connectedOn}`,
          );
        }
        // The letter: a non-CSK partner connects 1С-Отчетность for «своих клиентов» only.
        if (segmentOn(partner, connectedOn) !== 'csk') {
          requireOwnClient(state, partnerId, 'connect 1С-Отчетность for');
        }
        return [{ type: 'ReportingConnected', data: command.data }];
      }
      case 'EnableService': {
        const { enabledOn, service } = command.data;
        assertNotFuture('enabledOn', enabledOn, command.today);
        requireInServiceOn(state, clientId, enabledOn);
        if (segmentOn(partner, enabledOn) !== 'csk') {
          refuse(
            'NOT_CSK',
            `only a CSK partner may enable ${service}; ${partnerId} is not CSK on ${enabledOn}`,
          );
        }
        return [{ type: 'ServiceEnabled', data: command.data }];
      }
      case 'MigrateClient': {
        const { migratedOn, direction } = command.data;
        assertNotFuture('migratedOn', migratedOn, command.today);
        requireOwnClient(state, partnerId, 'migrate');
        if (direction === 'to-local') requireInServiceOn(state, clientId, migratedOn);
        else if (migratedOn < state.connectedOn) {
          refuse(
            'CLIENT_NOT_CONNECTED',
            `client ${clientId} is connected only from ${state.connectedOn}`,
          );
        }
        return [{ type: 'ClientMigrated', data: command.data }];
      }
    }
  },
};
