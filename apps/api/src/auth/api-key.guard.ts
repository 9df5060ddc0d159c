import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessStore, ApiKey, Role } from '@fresh/access';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

export type AuthenticatedRequest = FastifyRequest & { apiKey: ApiKey };

/**
 * The key a request's bearer token names, looked up once per request (the rate limit asks first,
 * then the guard): undefined without a token or for an unknown or revoked one.
 */
export function requestKey(
  access: AccessStore,
  request: FastifyRequest,
): Promise<ApiKey | undefined> {
  const held = request as FastifyRequest & { keyLookup?: Promise<ApiKey | undefined> };
  if (held.keyLookup) return held.keyLookup;
  const token = bearerToken(request.headers.authorization);
  held.keyLookup = token === undefined ? Promise.resolve(undefined) : access.authenticate(token);
  return held.keyLookup;
}

const bearerToken = (header: string | undefined) => /^Bearer +(\S+)$/i.exec(header ?? '')?.[1];

/** Bearer keys: 401 without a valid key; 403 for a role, or a partner, that may not do this. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = await this.authenticate(request);
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

  private async authenticate(request: FastifyRequest): Promise<ApiKey> {
    if (bearerToken(request.headers.authorization) === undefined)
      throw new ProblemException(401, 'UNAUTHORIZED', 'send Authorization: Bearer <key>');
    const key = await requestKey(this.access, request);
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
