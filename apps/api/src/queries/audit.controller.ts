import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { traceSale } from '@fresh/audit';
import { EventStore } from '@fresh/event-store';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { NotaryService } from '../infrastructure/notary.service';
import { VerifyRunner } from '../infrastructure/verify-runner';
import { EntityIdPipe } from '../routes/command-gateway';
import { moneyAsText } from './money-text';
import { SALE_TRACE, VERIFY_LOG } from './query-docs';
import { withProofs } from './trace-proofs';

/** Auditors trace a discount decision to its command and inputs, and check the log is unaltered. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly events: EventStore,
    private readonly notary: NotaryService,
    private readonly verifier: VerifyRunner,
  ) {}

  @Get('sales/:saleId')
  @Operation(SALE_TRACE)
  async sale(@Param('saleId', EntityIdPipe) saleId: string) {
    const trace = await traceSale(this.events, saleId);
    if (!trace) throw new ProblemException(404, 'SALE_NOT_FOUND', `sale ${saleId} does not exist`);
    return moneyAsText(await withProofs(trace, this.notary));
  }

  @Get('verify')
  @Operation(VERIFY_LOG)
  async verify() {
    const verify = await this.verifier.run({ phases: ['chains'], withNotaryLeaves: false });
    return (await verify.result).chains;
  }
}
