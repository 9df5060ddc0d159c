import { Body, Controller, HttpCode, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PublishPriceListCommand } from '@fresh/commands';
import { parseMoney } from '@fresh/domain';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { CommandAccepted, CommandGateway } from './command-gateway';
import { PublishPriceListDto } from './price-list.dto';

@ApiTags('price list')
@ApiBearerAuth()
@Controller('api/v1/price-list')
@Roles('vendor')
export class PriceListController {
  constructor(private readonly gateway: CommandGateway) {}

  @Put()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PriceListPublished' })
  publish(@Req() request: AuthenticatedRequest, @Body() body: PublishPriceListDto) {
    const positions = body.positions.map((p) => ({ ...p, retailPrice: parseMoney(p.retailPrice) }));
    return this.gateway.send(
      request,
      (envelope) => new PublishPriceListCommand({ ...body, positions }, envelope),
    );
  }
}
