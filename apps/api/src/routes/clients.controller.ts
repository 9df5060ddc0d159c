import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ConnectClientCommand,
  ConnectReportingCommand,
  EnableServiceCommand,
  MigrateClientCommand,
} from '@fresh/commands';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import {
  ConnectClientDto,
  ConnectReportingDto,
  EnableServiceDto,
  MigrateClientDto,
} from './clients.dto';
import { Operation } from '../http/openapi';
import { CONNECT_CLIENT, CONNECT_REPORTING, ENABLE_SERVICE, MIGRATE_CLIENT } from './command-docs';
import { CommandGateway, EntityIdPipe } from './command-gateway';

@ApiTags('clients')
@Controller('api/v1/clients')
export class ClientsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Operation(CONNECT_CLIENT)
  connect(@Req() request: AuthenticatedRequest, @Body() body: ConnectClientDto) {
    const itsProfContract = body.itsProfContract && { ...body.itsProfContract };
    return this.gateway.send(
      request,
      (envelope) => new ConnectClientCommand({ ...body, itsProfContract }, envelope),
    );
  }

  @Post(':clientId/reporting')
  @HttpCode(201)
  @Operation(CONNECT_REPORTING)
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
  @Operation(ENABLE_SERVICE)
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
  @Operation(MIGRATE_CLIENT)
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
