import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { DecideExperimentCommand, StartExperimentCommand } from '@fresh/commands';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { CommandAccepted, CommandGateway, EntityIdPipe } from './command-gateway';
import { DecideExperimentDto, StartExperimentDto } from './experiments.dto';

@ApiTags('experiments')
@ApiBearerAuth()
@Controller('api/v1/experiments')
@Roles('vendor')
export class ExperimentsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ExperimentStarted' })
  start(@Req() request: AuthenticatedRequest, @Body() body: StartExperimentDto) {
    return this.gateway.send(
      request,
      (envelope) => new StartExperimentCommand({ ...body }, envelope),
    );
  }

  @Post(':experimentId/decision')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'ExperimentEnded' })
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
