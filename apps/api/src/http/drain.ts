import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';

/**
 * Counts the requests in flight, so that a stopping service can answer every request it began
 * and only then close connections. While draining, answers carry `Connection: close`.
 */
export class Drain {
  private inFlight = 0;
  private draining = false;
  private idle?: () => void;

  private constructor(private readonly server: Server) {}

  /** Before the routes are registered: the hook must see every request. */
  static install(fastify: FastifyInstance): Drain {
    const drain = new Drain(fastify.server);
    fastify.addHook('onRequest', (_request, reply, done) => {
      drain.inFlight++;
      reply.raw.once('close', () => {
        if (--drain.inFlight === 0) drain.idle?.();
      });
      if (drain.draining) void reply.header('Connection', 'close');
      done();
    });
    DRAINS.set(fastify.server, drain);
    return drain;
  }

  static of(server: Server): Drain | undefined {
    return DRAINS.get(server);
  }

  /** Accepts no new connection, answers every request that arrived, then closes what is left. */
  async stop(): Promise<void> {
    this.draining = true;
    this.server.close(); // idle keep-alive connections close now
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.server.closeAllConnections(); // left: connections with no request, e.g. unfinished headers
  }
}

const DRAINS = new WeakMap<Server, Drain>();
