import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKey, ApiKeys, Role } from '@fresh/access';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

export type AuthenticatedRequest = FastifyRequest & { apiKey: ApiKey };

/** Bearer keys: 401 without a valid key; 403 for a role, or a partner, that may not do this. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = this.authenticate(request.headers.authorization);
    request.apiKey = key;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(key.role)) {
      throw new ProblemException(
        403,
        'FORBIDDEN_ROLE',
        `a ${key.role} key may not call this route`,
      );
    }
    if (key.role === 'partner') this.checkPartner(key, request);
    return true;
  }

  private authenticate(header: string | undefined): ApiKey {
    const match = /^Bearer +(\S+)$/i.exec(header ?? '');
    if (!match) throw new ProblemException(401, 'UNAUTHORIZED', 'send Authorization: Bearer <key>');
    const key = this.keys.authenticate(match[1]);
    if (!key) throw new ProblemException(401, 'UNAUTHORIZED', 'the key is unknown or revoked');
    return key;
  }

  /** The partnerId a request names, in its path or body, must be the key's own. */
  private checkPartner(key: ApiKey, request: FastifyRequest): void {
    const named = [
      (request.params as Record<string, unknown> | undefined)?.partnerId,
      (request.body as Record<string, unknown> | undefined)?.partnerId,
    ].filter((id) => typeof id === 'string');
    const foreign = named.find((id) => id !== key.partnerId);
    if (foreign !== undefined) {
      throw new ProblemException(
        403,
        'FORBIDDEN_PARTNER',
        `this key acts for partner ${key.partnerId}, not ${foreign}`,
      );
    }
  }
}
