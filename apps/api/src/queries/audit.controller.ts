import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { traceSale } from '@fresh/audit';
import { EventStore, verifyLog } from '@fresh/event-store';
import { Roles } from '../auth/access.decorators';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { moneyAsText } from './money-text';

/** Auditors trace a discount decision to its command and inputs, and check the log is unaltered. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly events: EventStore) {}

  @Get('sales/:saleId')
  @Roles('auditor', 'vendor')
  async sale(@Param('saleId', EntityIdPipe) saleId: string) {
    const trace = await traceSale(this.events, saleId);
    if (!trace) throw new ProblemException(404, 'SALE_NOT_FOUND', `sale ${saleId} does not exist`);
    return moneyAsText(trace);
  }

  @Get('verify')
  @Roles('auditor')
  verify() {
    return verifyLog(this.events);
  }
}
