import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import {
  CertifyPartnerCommand,
  ChangeObligationsCommand,
  Clock,
  CommandEnvelope,
  ConnectClientCommand,
  ConnectReportingCommand,
  DecideExperimentCommand,
  EnableServiceCommand,
  GrantAstralCertificationCommand,
  Ids,
  MigrateClientCommand,
  PublishPriceListCommand,
  RecordPaymentCommand,
  RegisterPartnerCommand,
  SellSubscriptionCommand,
  StartExperimentCommand,
} from '@fresh/commands';
import { DomainError, InvalidCommandError } from '@fresh/domain';
import { EventStore, logChecksum, RecordedEvent } from '@fresh/event-store';
import { ActionKind, planAgenda, SimulationOptions } from './agenda';
import { SeededRandom } from './seeded-random';
import { SimulationModule } from './simulation.module';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = new (data: any, envelope: CommandEnvelope) => object;
const COMMANDS: Record<ActionKind, CommandClass> = {
  RegisterPartner: RegisterPartnerCommand,
  CertifyPartner: CertifyPartnerCommand,
  GrantAstralCertification: GrantAstralCertificationCommand,
  ChangeObligations: ChangeObligationsCommand,
  PublishPriceList: PublishPriceListCommand,
  StartExperiment: StartExperimentCommand,
  DecideExperiment: DecideExperimentCommand,
  ConnectClient: ConnectClientCommand,
  ConnectReporting: ConnectReportingCommand,
  EnableService: EnableServiceCommand,
  MigrateClient: MigrateClientCommand,
  SellSubscription: SellSubscriptionCommand,
  RecordPayment: RecordPaymentCommand,
};
const PARTNER_COMMANDS = new Set<ActionKind>([
  'ConnectClient',
  'ConnectReporting',
  'EnableService',
  'MigrateClient',
  'SellSubscription',
]);

/** Time as the simulation says it is: each command is received on its business date. */
class SimulatedClock extends Clock {
  current = new Date(0);
  now(): Date {
    return this.current;
  }
}

class SeededIds extends Ids {
  constructor(private readonly rng: SeededRandom) {
    super();
  }
  next(): string {
    return this.rng.uuid();
  }
}

export interface SimulationSummary {
  commands: number;
  events: number;
  seconds: number;
  commandsPerSec: number;
  recorded: Record<string, number>;
  refused: Record<string, number>;
  log: { events: number; sha256: string };
}

/**
 * Runs the experiment period through the real command path (the command bus, every rule), with a
 * seeded generator, a simulated clock and seeded ids: the same options give the same log.
 */
export async function simulate(
  events: EventStore,
  options: SimulationOptions & { maxEvents?: number },
  onProgress?: (done: number, total: number, seconds: number) => void,
): Promise<SimulationSummary> {
  const agenda = planAgenda(options);
  const rng = new SeededRandom(options.seed ^ 0x5eed);
  const clock = new SimulatedClock();
  const app = await NestFactory.createApplicationContext(
    SimulationModule.forRoot(events, clock, new SeededIds(rng)),
    {
      logger: false,
    },
  );
  const bus = app.get(CommandBus);
  const recorded: Record<string, number> = {};
  const refused: Record<string, number> = {};
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  let count = 0;
  let commands = 0;
  try {
    for (const [i, action] of agenda.entries()) {
      if (options.maxEvents !== undefined && count >= options.maxEvents) break;
      clock.current = new Date(Date.parse(`${action.date}T06:00:00.000Z`) + i);
      const commandId = rng.uuid();
      const envelope: CommandEnvelope = {
        commandId,
        correlationId: commandId,
        actor: {
          keyId: 'simulator',
          role: PARTNER_COMMANDS.has(action.kind) ? 'partner' : 'vendor',
        },
        route: `simulate ${action.kind}`,
        receivedAt: clock.current.toISOString(),
        today: options.to,
      };
      commands++;
      try {
        const written = (await bus.execute(
          new COMMANDS[action.kind](action.data, envelope) as never,
        )) as RecordedEvent[];
        for (const e of written) recorded[e.type] = (recorded[e.type] ?? 0) + 1;
        count += written.length;
      } catch (error) {
        const code =
          error instanceof DomainError
            ? error.code
            : error instanceof InvalidCommandError
              ? 'VALIDATION_FAILED'
              : undefined;
        if (!code) throw error;
        refused[code] = (refused[code] ?? 0) + 1;
      }
      if (onProgress && (i % 1_000 === 0 || i === agenda.length - 1))
        onProgress(i + 1, agenda.length, seconds());
    }
  } finally {
    await app.close();
  }
  const elapsed = seconds();
  return {
    commands,
    events: count,
    seconds: elapsed,
    commandsPerSec: commands / elapsed,
    recorded,
    refused,
    log: await logChecksum(events),
  };
}

/** Sizes for at least `events` events (about 4.8 a client; the run stops at `events`), 29 clients a partner. */
export function sizeForEvents(events: number): { partners: number; clients: number } {
  const clients = Math.max(20, Math.round(events / 4.5));
  return { partners: Math.max(10, Math.round(clients / 29)), clients };
}
