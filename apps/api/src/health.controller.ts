import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@fresh/event-store';
import { ReadStore } from '@fresh/read-models';
import type { FastifyReply } from 'fastify';
import { Public } from './auth/access.decorators';
import { thisWorker } from './cluster/messages';
import { HEALTH_ANSWER } from './http/answer-schemas';
import { Operation } from './http/openapi';
import { HEALTH } from './queries/query-docs';
import { NotaryService } from './infrastructure/notary.service';
import { ProjectorService } from './infrastructure/projector.service';

const answers = (probe: Promise<unknown>) =>
  probe.then(
    () => 'up' as const,
    () => 'down' as const,
  );

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly projector: ProjectorService,
    private readonly notary: NotaryService,
  ) {}

  /**
   * Ready when both stores answer and the event store has room to write (`full`: a command would
   * be refused with 503); a stalled projector is reported but queries still answer.
   */
  @Get()
  @Operation(HEALTH)
  @ApiResponse({
    status: 503,
    description: 'Alive, but a store does not answer or cannot write',
    content: { 'application/json': { schema: HEALTH_ANSWER } },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const eventStore = await this.eventStoreState();
    const readStore = await answers(this.reads.liveGeneration());
    const ready = eventStore === 'up' && readStore === 'up';
    void reply.status(ready ? 200 : 503);
    return {
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      stores: { eventStore, readStore },
      projector: this.projector.status(),
      notary: this.notary.status(),
      worker: thisWorker(),
    };
  }

  private async eventStoreState(): Promise<'up' | 'down' | 'full'> {
    if (!(await this.events.ping())) return 'down';
    return (await this.events.hasRoom()) ? 'up' : 'full';
  }
}
