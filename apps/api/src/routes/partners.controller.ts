import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CertifyPartnerCommand,
  ChangeObligationsCommand,
  GrantAstralCertificationCommand,
  RegisterPartnerCommand,
  RevokeCertificationCommand,
} from '@fresh/commands';
import { Operation } from '../http/openapi';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import {
  CERTIFY_ASTRAL,
  CERTIFY_PARTNER,
  CHANGE_OBLIGATIONS,
  REGISTER_PARTNER,
  REVOKE_CERTIFICATION,
} from './command-docs';
import { CommandGateway, EntityIdPipe } from './command-gateway';
import {
  AstralCertificationDto,
  CertifyPartnerDto,
  ObligationsDto,
  RegisterPartnerDto,
  RevokeCertificationDto,
} from './partners.dto';

@ApiTags('partners')
@Controller('api/v1/partners')
export class PartnersController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Operation(REGISTER_PARTNER)
  register(@Req() request: AuthenticatedRequest, @Body() body: RegisterPartnerDto) {
    return this.gateway.send(
      request,
      (envelope) => new RegisterPartnerCommand({ ...body }, envelope),
    );
  }

  @Post(':partnerId/csk-certification')
  @HttpCode(201)
  @Operation(CERTIFY_PARTNER)
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
  @Operation(REVOKE_CERTIFICATION)
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
  @Operation(CERTIFY_ASTRAL)
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
  @Operation(CHANGE_OBLIGATIONS)
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
