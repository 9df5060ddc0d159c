import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, CommandsModule, Ids } from '@fresh/commands';
import { EventStore } from '@fresh/event-store';

/** The command side alone, on a given store, clock and ids: no HTTP. */
@Global()
@Module({})
export class SimulationModule {
  static forRoot(events: EventStore, clock: Clock, ids: Ids): DynamicModule {
    return {
      module: SimulationModule,
      imports: [CommandsModule],
      providers: [
        { provide: EventStore, useValue: events },
        { provide: Clock, useValue: clock },
        { provide: Ids, useValue: ids },
      ],
      exports: [EventStore, Clock, Ids],
    };
  }
}
