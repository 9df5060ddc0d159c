import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { decodeCursor, PageRequest } from '@fresh/audit';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { AuditIndexService } from '../infrastructure/audit-index.service';
import { EventsSearchDto, PageQueryDto, RefusalsSearchDto, SalesSearchDto } from './finding.dto';
import { moneyAsText } from './money-text';
import { FIND_EVENTS, FIND_REFUSALS, FIND_SALES } from './query-docs';

function pageOf(query: PageQueryDto): PageRequest {
  if (query.cursor !== undefined && decodeCursor(query.cursor) === undefined) {
    throw new ProblemException(400, 'VALIDATION_FAILED', 'cursor is not one this route gave', [
      { field: 'cursor', message: 'must be a nextCursor given by this route' },
    ]);
  }
  return { limit: query.limit ?? 50, cursor: query.cursor };
}

function period(query: { from?: string; to?: string }) {
  if (query.from && query.to && query.from > query.to) {
    throw new ProblemException(400, 'VALIDATION_FAILED', 'from is after to', [
      { field: 'from', message: 'must not be after to' },
    ]);
  }
}

/** Auditors find sales, refusals and events without knowing their ids in advance. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class FindingController {
  constructor(private readonly index: AuditIndexService) {}

  @Get('sales')
  @Operation(FIND_SALES)
  async sales(@Query() query: SalesSearchDto) {
    period(query);
    const { partnerId, clientId, from, to, rule } = query;
    const found = (await this.index.current()).sales(
      { partnerId, clientId, from, to, rule },
      pageOf(query),
    );
    return moneyAsText(found);
  }

  @Get('refusals')
  @Operation(FIND_REFUSALS)
  async refusals(@Query() query: RefusalsSearchDto) {
    period(query);
    const { partnerId, code, from, to } = query;
    return (await this.index.current()).refusals({ partnerId, code, from, to }, pageOf(query));
  }

  @Get('events')
  @Operation(FIND_EVENTS)
  async events(@Query() query: EventsSearchDto) {
    const { correlationId, keyId, streamId } = query;
    if (!correlationId && !keyId && !streamId) {
      throw new ProblemException(
        400,
        'VALIDATION_FAILED',
        'name a correlationId, keyId or streamId',
        [{ field: 'correlationId', message: 'one of correlationId, keyId or streamId is needed' }],
      );
    }
    return (await this.index.current()).events({ correlationId, keyId, streamId }, pageOf(query));
  }
}
