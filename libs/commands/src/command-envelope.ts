import { Actor, IdempotencyRecord } from '@fresh/event-store';

/** What the service knows about a command besides its fields: who sent it, when and how. */
export interface CommandEnvelope {
  commandId: string;
  correlationId: string;
  actor: Actor;
  route: string;
  receivedAt: string;
  /** Today's business date (Europe/Moscow) when the command arrived. */
  today: string;
  /** Set when the command came with an Idempotency-Key: recorded with its events. */
  idempotency?: IdempotencyRecord;
}
