import rateLimit from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessStore, RateCounts, ServiceDatabase } from '@fresh/access';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestKey } from '../auth/api-key.guard';
import { AppConfig, DEFAULT_RATE_LIMIT, DEFAULT_TIMEOUTS } from '../config';
import { ServiceMetrics } from '../metrics/service-metrics';
import { Drain } from './drain';
import { problem, ProblemException } from './problem';
import { sendProblem } from './problem.filter';
import { sharedRateStore } from './shared-rate-store';

/** The limit is an average over this window, so a key may send up to limit × window at once. */
export const RATE_WINDOW_SECONDS = 10;

const logger = new Logger('http');

/**
 * Errors Node's HTTP parser meets before there is a request (malformed HTTP, huge headers, a
 * client too slow to send its request): a raw problem+json answer on the socket, then close.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'the request did not arrive in time; the connection is closed']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'the request headers are larger than 16 KiB']
        : [400, 'MALFORMED_REQUEST', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify(problem(status, code, detail));
  const sent = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    ?.headersSent;
  if (!socket.writable || sent) {
    socket.destroy();
    return;
  }
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** Fastify's options: body limit, timeouts, and problem+json for errors raised below Nest. */
export function transportOptions(config: AppConfig): FastifyServerOptions {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  return {
    bodyLimit: config.bodyLimit,
    requestTimeout: timeouts.request,
    keepAliveTimeout: timeouts.keepAlive,
    // Node checks header and request timeouts every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: timeouts.headers, connectionsCheckingInterval: 1_000 },
    // Requests that reach a closing server are answered (with Connection: close), not refused.
    return503OnClosing: false,
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, error, logger),
    clientErrorHandler: answerClientError,
  } as FastifyServerOptions;
}

/** Who a request counts against: its API key when the bearer token is a known key, else its address. */
function requester(access: AccessStore) {
  return async (request: FastifyRequest): Promise<string> => {
    // Looks up sha256(token); a store that does not answer is the guard's to report (503).
    const key = await requestKey(access, request).catch(() => undefined);
    return key ? `key:${key.id}` : `address:${request.ip}`;
  };
}

/** JSON bodies only, the drain, the rate limit; before app.init(), so every route gets them. */
export async function useTransport(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain'); // Fastify's default JSON parser stays.
  Drain.install(fastify);
  const perSecond = config.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (perSecond <= 0) return;
  const max = Math.ceil(perSecond * RATE_WINDOW_SECONDS);
  const metrics = app.get(ServiceMetrics);
  await app.register(rateLimit, {
    max,
    timeWindow: RATE_WINDOW_SECONDS * 1_000,
    keyGenerator: requester(app.get(AccessStore)),
    onExceeded: (_request, key) => metrics.rateLimited.inc({ by: key.split(':')[0] }),
    // Counted in service.db, so every worker (FRESH_WORKERS) and process on the data dir shares
    // one limit; if service.db cannot count (busy past its timeout, a full disk), requests pass.
    store: sharedRateStore(new RateCounts(app.get(ServiceDatabase))),
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ProblemException(
        429,
        'RATE_LIMITED',
        `more than ${max} requests in ${RATE_WINDOW_SECONDS} s from this key or address; retry after ${context.after}`,
      ),
  });
}
