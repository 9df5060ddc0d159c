import { Injectable, PipeTransform } from '@nestjs/common';
import { Clock, CommandEnvelope, moscowDate } from '@fresh/commands';
import { inSpan, RecordedEvent } from '@fresh/event-store';
import { Command, CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { clientCorrelationId } from '../http/correlation-id';
import { IdempotentRequest } from '../http/idempotency.interceptor';
import { PresentedEvent, presentEvent } from '../http/present-event';
import { ProblemException } from '../http/problem';
import { outcomeOf } from '../metrics/command-outcome';
import { ServiceMetrics } from '../metrics/service-metrics';
import { ID_PATTERN } from './field-validators';
import { RefusalJournal } from './refusal-journal';

/** The answer to an accepted command: the events it recorded. */
export interface CommandAccepted {
  events: PresentedEvent[];
}

/** Turns an HTTP request into a command on the bus, and the recorded events into the answer. */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
    private readonly refusals: RefusalJournal,
    private readonly metrics: ServiceMetrics,
  ) {}

  async send(
    request: IdempotentRequest,
    command: (envelope: CommandEnvelope) => Command<RecordedEvent[]>,
  ): Promise<CommandAccepted> {
    const envelope = this.envelope(request);
    const sent = command(envelope);
    const type = sent.constructor.name.replace(/Command$/, '');
    const events = await inSpan(
      `command ${type}`,
      {
        'fresh.command.type': type,
        'fresh.command.id': envelope.commandId,
        'fresh.correlation_id': envelope.correlationId,
        'fresh.key_id': envelope.actor.keyId,
      },
      () => this.execute(request, sent, envelope, type),
    );
    // Events another command recorded: the first answer to this Idempotency-Key, given again.
    request.replayed = events.some((e) => e.metadata.causationId !== envelope.commandId);
    this.metrics.commands.inc({
      command: type,
      outcome: request.replayed ? 'replayed' : 'accepted',
    });
    return { events: events.map(presentEvent) };
  }

  private async execute(
    request: IdempotentRequest,
    sent: Command<RecordedEvent[]>,
    envelope: CommandEnvelope,
    type: string,
  ): Promise<RecordedEvent[]> {
    try {
      return await this.bus.execute(sent);
    } catch (error) {
      this.metrics.commands.inc({ command: type, ...outcomeOf(error) });
      // A refusal by a business rule (422) is journaled, then answered as it is.
      await this.refusals.record(request, sent, envelope, error);
      throw error;
    }
  }

  private envelope(request: IdempotentRequest): CommandEnvelope {
    const now = this.clock.now();
    const commandId = randomUUID();
    const correlationId = clientCorrelationId(request) ?? commandId;
    request.correlationId = correlationId;
    return {
      commandId,
      correlationId,
      actor: {
        keyId: request.apiKey.id,
        role: request.apiKey.role,
        // The key's name as it is when the command is sent (a key may be renamed later).
        ...(request.apiKey.name && { name: request.apiKey.name }),
      },
      route: `${request.method} ${request.routeOptions.url}`,
      receivedAt: now.toISOString(),
      today: moscowDate(now),
      idempotency: request.idempotency,
    };
  }
}

/** Ids in paths follow the same pattern as ids in bodies. */
export class EntityIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_PATTERN.test(value)) {
      throw new ProblemException(400, 'VALIDATION_FAILED', `${value} is not a valid id`, [
        { field: 'path', message: 'must be 1-64 letters, digits, "_", ":" or "-"' },
      ]);
    }
    return value;
  }
}
