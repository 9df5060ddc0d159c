import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@fresh/event-store';
import type { FastifyReply } from 'fastify';
import { Public } from './auth/access.decorators';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly events: EventStore) {}

  @Get()
  @ApiOkResponse({ description: 'Alive, and every store answers' })
  @ApiServiceUnavailableResponse({ description: 'Alive, but a store does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const eventStore = (await this.events.ping()) ? 'up' : 'down';
    const ready = eventStore === 'up';
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', live: true, ready, stores: { eventStore } };
  }
}
