import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordPaymentCommand, SellSubscriptionCommand } from '@fresh/commands';
import { parseMoney } from '@fresh/domain';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { CommandAccepted, CommandGateway, EntityIdPipe } from './command-gateway';
import { RecordPaymentDto, SellSubscriptionDto } from './sales.dto';

@ApiTags('sales')
@ApiBearerAuth()
@Controller('api/v1/sales')
export class SalesController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @Roles('partner')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: CommandAccepted,
    description: 'SubscriptionSold and DiscountApplied',
  })
  sell(@Req() request: AuthenticatedRequest, @Body() body: SellSubscriptionDto) {
    return this.gateway.send(
      request,
      (envelope) => new SellSubscriptionCommand({ ...body }, envelope),
    );
  }

  @Post(':saleId/payment')
  @Roles('vendor')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PaymentReceived' })
  pay(
    @Req() request: AuthenticatedRequest,
    @Param('saleId', EntityIdPipe) saleId: string,
    @Body() body: RecordPaymentDto,
  ) {
    const data = { saleId, paidOn: body.paidOn, amount: parseMoney(body.amount) };
    return this.gateway.send(request, (envelope) => new RecordPaymentCommand(data, envelope));
  }
}
