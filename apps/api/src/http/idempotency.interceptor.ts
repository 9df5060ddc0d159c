import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { AccessStore } from '@fresh/access';
import { Clock } from '@fresh/commands';
import { IdempotencyRecord } from '@fresh/event-store';
import { canonicalJson } from '@fresh/read-models';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, mergeMap, Observable, of } from 'rxjs';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { ProblemException } from './problem';

/** A request as the command gateway sees it: its Idempotency-Key, and whether it was answered again. */
export type IdempotentRequest = AuthenticatedRequest & {
  idempotency?: IdempotencyRecord;
  replayed?: boolean;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Idempotency-Key, scoped to the API key. The key is recorded with the command's events, in the
 * same append (see DecisionRunner): that record answers a retry, even after a crash or from
 * another process. The access store keeps the answers too (service.db, or MongoDB shared by every
 * instance), as a cache that is never the only record:
 * it answers a retry without running the command, and it is where a key reused for a command on
 * another stream is seen (the events are looked up in the command's own stream). A cache that
 * cannot be written (a full disk) costs nothing but a log line. Refusals are recorded nowhere, so
 * a client may retry the same key once the cause is fixed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('idempotency');

  constructor(
    private readonly access: AccessStore,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !['POST', 'PUT'].includes(request.method)) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      throw new ProblemException(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 characters',
      );
    }
    const scope = request.apiKey.id;
    const fingerprint = sha256(`${request.method} ${request.url}\n${canonicalJson(request.body)}`);
    request.idempotency = { key: sha256(`${scope}\n${key}`), fingerprint };
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.access.findAnswer(scope, key, this.clock.now())).pipe(
      mergeMap((cached) => {
        if (cached) {
          if (cached.fingerprint !== fingerprint) {
            throw new ProblemException(
              409,
              'IDEMPOTENCY_KEY_REUSED',
              `Idempotency-Key ${key} was used with another request`,
            );
          }
          void reply.header('Idempotent-Replayed', 'true');
          return of(cached.body);
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            if (request.replayed) void reply.header('Idempotent-Replayed', 'true');
            const answer = { fingerprint, status, body };
            await this.access.saveAnswer(scope, key, answer, this.clock.now()).catch((error) => {
              this.logger.warn(`idempotency answer not cached: ${(error as Error).message}`);
            });
            return body;
          }),
        );
      }),
    );
  }
}
