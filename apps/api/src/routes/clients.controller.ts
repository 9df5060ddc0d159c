import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import {
  ConnectClientCommand,
  ConnectReportingCommand,
  EnableServiceCommand,
  MigrateClientCommand,
} from '@fresh/commands';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import {
  ConnectClientDto,
  ConnectReportingDto,
  EnableServiceDto,
  MigrateClientDto,
} from './clients.dto';
import { CommandAccepted, CommandGateway, EntityIdPipe } from './command-gateway';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('api/v1/clients')
@Roles('partner')
export class ClientsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ClientConnected' })
  connect(@Req() request: AuthenticatedRequest, @Body() body: ConnectClientDto) {
    const itsProfContract = body.itsProfContract && { ...body.itsProfContract };
    return this.gateway.send(
      request,
      (envelope) => new ConnectClientCommand({ ...body, itsProfContract }, envelope),
    );
  }

  @Post(':clientId/reporting')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ReportingConnected' })
  reporting(
    @Req() request: AuthenticatedRequest,
    @Param('clientId', EntityIdPipe) clientId: string,
    @Body() body: ConnectReportingDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new ConnectReportingCommand({ clientId, ...body }, envelope),
    );
  }

  @Post(':clientId/services')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ServiceEnabled' })
  service(
    @Req() request: AuthenticatedRequest,
    @Param('clientId', EntityIdPipe) clientId: string,
    @Body() body: EnableServiceDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new EnableServiceCommand({ clientId, ...body }, envelope),
    );
  }

  @Post(':clientId/migrations')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ClientMigrated' })
  migrate(
    @Req() request: AuthenticatedRequest,
    @Param('clientId', EntityIdPipe) clientId: string,
    @Body() body: MigrateClientDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new MigrateClientCommand({ clientId, ...body }, envelope),
    );
  }
}
