import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { IdempotencyStore } from '@fresh/access';
import { Clock } from '@fresh/commands';
import { canonicalJson } from '@fresh/read-models';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, Observable, of, switchMap, tap } from 'rxjs';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { ProblemException } from './problem';

/**
 * Idempotency-Key: the first successful answer to a key is stored durably, per API key; the same
 * key and body get it again (Idempotent-Replayed: true) and record nothing; another body is 409.
 * Refusals are not stored, so a client may retry the same key once the cause is fixed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Requests with the same key wait for one another inside this process. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly answers: IdempotencyStore,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
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
    const slot = `${scope}\n${key}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body)}`)
      .digest('hex');
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    const previous = this.inFlight.get(slot) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    this.inFlight.set(slot, chained);
    const done = () => {
      release();
      if (this.inFlight.get(slot) === chained) this.inFlight.delete(slot);
    };

    return from(previous.catch(() => undefined)).pipe(
      switchMap(() => {
        const stored = this.answers.find(scope, key);
        if (!stored) {
          return next
            .handle()
            .pipe(
              tap((body) =>
                this.answers.save(scope, key, { fingerprint, status, body }, this.clock.now()),
              ),
            );
        }
        if (stored.fingerprint !== fingerprint) {
          throw new ProblemException(
            409,
            'IDEMPOTENCY_KEY_REUSED',
            `Idempotency-Key ${key} was used with another request`,
          );
        }
        void reply.header('Idempotent-Replayed', 'true');
        return of(stored.body);
      }),
      tap({ finalize: done }),
    );
  }
}
