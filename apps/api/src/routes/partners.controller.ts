import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import {
  CertifyPartnerCommand,
  ChangeObligationsCommand,
  GrantAstralCertificationCommand,
  RegisterPartnerCommand,
  RevokeCertificationCommand,
} from '@fresh/commands';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { CommandAccepted, CommandGateway, EntityIdPipe } from './command-gateway';
import {
  AstralCertificationDto,
  CertifyPartnerDto,
  ObligationsDto,
  RegisterPartnerDto,
  RevokeCertificationDto,
} from './partners.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/v1/partners')
@Roles('vendor')
export class PartnersController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PartnerRegistered' })
  register(@Req() request: AuthenticatedRequest, @Body() body: RegisterPartnerDto) {
    return this.gateway.send(
      request,
      (envelope) => new RegisterPartnerCommand({ ...body }, envelope),
    );
  }

  @Post(':partnerId/csk-certification')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PartnerCertified' })
  certify(
    @Req() request: AuthenticatedRequest,
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Body() body: CertifyPartnerDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new CertifyPartnerCommand({ partnerId, ...body }, envelope),
    );
  }

  @Post(':partnerId/csk-certification/revocation')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PartnerCertificationRevoked' })
  revoke(
    @Req() request: AuthenticatedRequest,
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Body() body: RevokeCertificationDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new RevokeCertificationCommand({ partnerId, ...body }, envelope),
    );
  }

  @Post(':partnerId/astral-certification')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'AstralCertificationGranted' })
  astral(
    @Req() request: AuthenticatedRequest,
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Body() body: AstralCertificationDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new GrantAstralCertificationCommand({ partnerId, ...body }, envelope),
    );
  }

  @Post(':partnerId/obligations')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAccepted, description: 'PartnerObligationsChanged' })
  obligations(
    @Req() request: AuthenticatedRequest,
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Body() body: ObligationsDto,
  ) {
    return this.gateway.send(
      request,
      (envelope) => new ChangeObligationsCommand({ partnerId, ...body }, envelope),
    );
  }
}
