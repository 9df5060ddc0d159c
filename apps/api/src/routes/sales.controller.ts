import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordPaymentCommand, SellSubscriptionCommand } from '@fresh/commands';
import { parseMoney } from '@fresh/domain';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { Operation } from '../http/openapi';
import { RECORD_PAYMENT, SELL_SUBSCRIPTION } from './command-docs';
import { CommandGateway, EntityIdPipe } from './command-gateway';
import { RecordPaymentDto, SellSubscriptionDto } from './sales.dto';

@ApiTags('sales')
@Controller('api/v1/sales')
export class SalesController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Operation(SELL_SUBSCRIPTION)
  sell(@Req() request: AuthenticatedRequest, @Body() body: SellSubscriptionDto) {
    return this.gateway.send(
      request,
      (envelope) => new SellSubscriptionCommand({ ...body }, envelope),
    );
  }

  @Post(':saleId/payment')
  @HttpCode(201)
  @Operation(RECORD_PAYMENT)
  pay(
    @Req() request: AuthenticatedRequest,
    @Param('saleId', EntityIdPipe) saleId: string,
    @Body() body: RecordPaymentDto,
  ) {
    const data = { saleId, paidOn: body.paidOn, amount: parseMoney(body.amount) };
    return this.gateway.send(request, (envelope) => new RecordPaymentCommand(data, envelope));
  }
}
