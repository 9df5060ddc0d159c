import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DecideExperimentCommand, StartExperimentCommand } from '@fresh/commands';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { Operation } from '../http/openapi';
import { DECIDE_EXPERIMENT, START_EXPERIMENT } from './command-docs';
import { CommandGateway, EntityIdPipe } from './command-gateway';
import { DecideExperimentDto, StartExperimentDto } from './experiments.dto';

@ApiTags('experiments')
@Controller('api/v1/experiments')
export class ExperimentsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Operation(START_EXPERIMENT)
  start(@Req() request: AuthenticatedRequest, @Body() body: StartExperimentDto) {
    return this.gateway.send(
      request,
      (envelope) => new StartExperimentCommand({ ...body }, envelope),
    );
  }

  @Post(':experimentId/decision')
  @HttpCode(201)
  @Operation(DECIDE_EXPERIMENT)
  decide(
    @Req() request: AuthenticatedRequest,
    @Param('experimentId', EntityIdPipe) experimentId: string,
    @Body() body: DecideExperimentDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new DecideExperimentCommand({ experimentId, ...body }, envelope),
    );
  }
}
