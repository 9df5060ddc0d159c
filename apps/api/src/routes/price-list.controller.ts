import { Body, Controller, HttpCode, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublishPriceListCommand } from '@fresh/commands';
import { parseMoney } from '@fresh/domain';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { Operation } from '../http/openapi';
import { PUBLISH_PRICE_LIST } from './command-docs';
import { CommandGateway } from './command-gateway';
import { PublishPriceListDto } from './price-list.dto';

@ApiTags('price list')
@Controller('api/v1/price-list')
export class PriceListController {
  constructor(private readonly gateway: CommandGateway) {}

  @Put()
  @HttpCode(201)
  @Operation(PUBLISH_PRICE_LIST)
  publish(@Req() request: AuthenticatedRequest, @Body() body: PublishPriceListDto) {
    const positions = body.positions.map((p) => ({ ...p, retailPrice: parseMoney(p.retailPrice) }));
    return this.gateway.send(
      request,
      (envelope) => new PublishPriceListCommand({ ...body, positions }, envelope),
    );
  }
}
