import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  EventTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
} from '@fresh/event-store';
import { sendProblem } from '../src/http/problem.filter';
import { toProblem } from '../src/http/to-problem';

describe('event-store errors as problems', () => {
  it('an election: 503 STORE_UNAVAILABLE; the error carries the retry delay for Retry-After', () => {
    const error = new StoreUnavailableError(
      'EventStoreDB at kurrentdb://admin:s3cret@h:2113',
      'x',
      {
        retryAfterSeconds: 2,
        message: 'EventStoreDB at kurrentdb://admin:s3cret@h:2113 has no leader to take writes',
      },
    );
    expect(error.retryAfterSeconds).toBe(2);
    expect(toProblem(error)).toEqual({
      type: '/problems/store-unavailable',
      title: 'Service unavailable',
      status: 503,
      code: 'STORE_UNAVAILABLE',
      detail: 'EventStoreDB at kurrentdb://***@h:2113 has no leader to take writes',
    });
  });

  it('a user the store refuses: 503 STORE_UNAVAILABLE saying so, without the password', () => {
    const answer = toProblem(
      new StoreAccessDeniedError('EventStoreDB at kurrentdb://u:s3cret@h', 'x'),
    );
    expect(answer).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(answer!.detail).toBe(
      "EventStoreDB at kurrentdb://***@h refuses access to the service's user: it must be allowed to read $all and write every stream, e.g. a member of $admins or $ops on a secure server",
    );
  });

  it('an unreachable store: the cause’s text is redacted too', () => {
    const answer = toProblem(
      new StoreUnavailableError('MongoDB', new Error('bad uri mongodb://u:s3cret@h/db')),
    );
    expect(answer!.detail).toBe('MongoDB is unreachable: bad uri mongodb://***@h/db');
  });

  it('events over the store’s append limit: 413 EVENT_TOO_LARGE', () => {
    expect(toProblem(new EventTooLargeError('sale-S-1', 1_048_576))).toEqual({
      type: '/problems/event-too-large',
      title: 'Body too large',
      status: 413,
      code: 'EVENT_TOO_LARGE',
      detail:
        'the events for stream sale-S-1 are larger than the event store takes in one append (1048576 bytes)',
    });
  });
});

describe('sendProblem', () => {
  const reply = () => {
    const headers: Record<string, string> = {};
    const sent: { status?: number; body?: unknown } = {};
    const r = {
      header: (k: string, v: string) => ((headers[k] = v), r),
      status: (s: number) => ((sent.status = s), r),
      send: (b: unknown) => ((sent.body = b), r),
    };
    return { r, headers, sent };
  };
  const logger = { error: jest.fn() } as unknown as Logger;

  it('says when to retry a store electing its leader (Retry-After), as problem+json', () => {
    const { r, headers, sent } = reply();
    sendProblem(
      r as unknown as FastifyReply,
      new StoreUnavailableError('EventStoreDB', 'x', {
        retryAfterSeconds: 2,
        message: 'no leader',
      }),
      logger,
    );
    expect({ status: sent.status, headers }).toEqual({
      status: 503,
      headers: { 'Retry-After': '2', 'Content-Type': 'application/problem+json' },
    });
  });

  it('sends no Retry-After for a store that is simply down', () => {
    const { r, headers } = reply();
    sendProblem(r as unknown as FastifyReply, new StoreUnavailableError('MongoDB', 'down'), logger);
    expect(headers).toEqual({ 'Content-Type': 'application/problem+json' });
  });
});
