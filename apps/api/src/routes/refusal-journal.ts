import { Injectable, Logger } from '@nestjs/common';
import {
  businessDateOf,
  COMMAND_REFUSED,
  CommandRefusedData,
  refusalStream,
  refusedSaleOf,
} from '@fresh/audit';
import { Clock, CommandEnvelope, Ids } from '@fresh/commands';
import { activeTraceparent, EventStore } from '@fresh/event-store';
import { canonicalJson } from '@fresh/read-models';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { toProblem } from '../http/to-problem';

/**
 * Journals every command a business rule refused (422) from an authenticated caller, after the
 * refusal, in the partner's refusals stream: the log then answers "you refused my sale wrongly".
 * It never changes the answer: a journal that cannot be written is logged, and the 422 stands.
 */
@Injectable()
export class RefusalJournal {
  private readonly logger = new Logger('refusals');

  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async record(
    request: AuthenticatedRequest,
    command: { constructor: { name: string }; data?: unknown },
    envelope: CommandEnvelope,
    error: unknown,
  ): Promise<void> {
    const problem = toProblem(error);
    if (problem?.status !== 422) return;
    const body = request.body as Record<string, unknown> | undefined;
    const params = request.params as Record<string, unknown> | undefined;
    const named = [request.apiKey.partnerId, params?.partnerId, body?.partnerId].find(
      (id): id is string => typeof id === 'string',
    );
    const partnerId = named ?? null;
    const commandType = command.constructor.name.replace(/Command$/, '');
    const sale = refusedSaleOf(command.data, error);
    const data: CommandRefusedData = {
      code: problem.code,
      detail: problem.detail,
      commandType,
      route: envelope.route,
      partnerId,
      bodySha256: createHash('sha256')
        .update(canonicalJson(request.body ?? null))
        .digest('hex'),
      ...(sale && { sale }),
    };
    const traceparent = activeTraceparent();
    try {
      await this.events.append(
        refusalStream(partnerId),
        [
          {
            type: COMMAND_REFUSED,
            schemaVersion: 1,
            data,
            metadata: {
              eventId: this.ids.next(),
              correlationId: envelope.correlationId,
              causationId: envelope.commandId,
              actor: envelope.actor,
              businessDate: businessDateOf(command.data, envelope.today),
              recordedAt: this.clock.now().toISOString(),
              command: {
                type: commandType,
                route: envelope.route,
                receivedAt: envelope.receivedAt,
              },
              ...(traceparent && { traceparent }),
            },
          },
        ],
        'any',
      );
    } catch (failure) {
      this.logger.warn(
        `refusal ${problem.code} of ${commandType} not journaled: ${(failure as Error).message}`,
      );
    }
  }
}
