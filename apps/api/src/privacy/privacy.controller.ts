import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessStore } from '@fresh/access';
import { Clock, Ids, moscowDate } from '@fresh/commands';
import {
  forgetSubject,
  PersonalDataStore,
  personalDataOf,
  SubjectRecord,
  subjectsNamed,
} from '@fresh/privacy';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { clientCorrelationId } from '../http/correlation-id';
import { Operation } from '../http/openapi';
import { PresentedEvent, presentEvent } from '../http/present-event';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { SUBJECT_DATA, SUBJECT_ERASURE } from './privacy-docs';
import { ErasureDto } from './privacy.dto';

const notFound = (id: string) =>
  new ProblemException(404, 'SUBJECT_NOT_FOUND', `no client or partner ${id} is on record`);

/** A data subject's rights: what is held about it (access), and forgetting it (erasure). */
@ApiTags('privacy')
@Controller('api/v1/privacy/subjects')
export class PrivacyController {
  constructor(
    private readonly store: PersonalDataStore,
    private readonly access: AccessStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  @Get(':subjectId')
  @Operation(SUBJECT_DATA)
  async held(@Param('subjectId', EntityIdPipe) subjectId: string) {
    const subjects: SubjectRecord[] = [];
    for (const subject of subjectsNamed(subjectId)) {
      const record = await personalDataOf(this.store, subject);
      if (record) subjects.push(record);
    }
    if (subjects.length === 0) throw notFound(subjectId);
    return { subjectId, subjects };
  }

  @Post(':subjectId/erasure')
  @HttpCode(201)
  @Operation(SUBJECT_ERASURE)
  async erase(
    @Req() request: AuthenticatedRequest,
    @Param('subjectId', EntityIdPipe) subjectId: string,
    @Body() body: ErasureDto,
  ) {
    const now = this.clock.now();
    const commandId = randomUUID();
    const correlationId = clientCorrelationId(request) ?? commandId;
    request.correlationId = correlationId;
    const events: PresentedEvent[] = [];
    for (const subject of subjectsNamed(subjectId)) {
      const erasure = await forgetSubject(this.store, subject, {
        reason: body.reason,
        erasedOn: moscowDate(now),
        metadata: {
          eventId: this.ids.next(),
          correlationId,
          causationId: commandId,
          actor: { keyId: request.apiKey.id, role: request.apiKey.role },
          recordedAt: now.toISOString(),
          command: {
            type: 'EraseSubject',
            route: `${request.method} ${request.routeOptions.url}`,
            receivedAt: now.toISOString(),
          },
        },
      });
      if (!erasure) continue;
      await this.access.forgetAnswersHolding(erasure.values);
      events.push(presentEvent(erasure.event));
    }
    if (events.length === 0) throw notFound(subjectId);
    return { events };
  }
}
