import { Actor } from '@fresh/event-store';

/** What the service knows about a command besides its fields: who sent it, when and how. */
export interface CommandEnvelope {
  commandId: string;
  correlationId: string;
  actor: Actor;
  route: string;
  receivedAt: string;
  /** Today's business date (Europe/Moscow) when the command arrived. */
  today: string;
}
