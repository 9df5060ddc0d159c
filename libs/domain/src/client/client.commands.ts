import { Dated } from '../decider';
import { ClientConnected, ClientService, MigrationDirection } from '../events';
import { BusinessDate } from '../shared/business-date';

export interface ConnectClient extends Dated {
  type: 'ConnectClient';
  data: Omit<ClientConnected['data'], 'segment' | 'supportedBy'>;
}
export interface ConnectReporting extends Dated {
  type: 'ConnectReporting';
  data: { clientId: string; partnerId: string; connectedOn: BusinessDate };
}
export interface EnableService extends Dated {
  type: 'EnableService';
  data: { clientId: string; partnerId: string; service: ClientService; enabledOn: BusinessDate };
}
export interface MigrateClient extends Dated {
  type: 'MigrateClient';
  data: {
    clientId: string;
    partnerId: string;
    direction: MigrationDirection;
    migratedOn: BusinessDate;
  };
}
export type ClientCommand = ConnectClient | ConnectReporting | EnableService | MigrateClient;
