import { ApiKeys, Role } from '@fresh/access';
import { EventStore } from '@fresh/event-store';
import { StoreConfig } from '@fresh/stores';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/app.factory';
import { AppConfig } from '../../apps/api/src/config';
import { ProjectorService } from '../../apps/api/src/infrastructure/projector.service';
import { Contract } from './contract';

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'fresh-e2e-'));

/** The real HTTP app on a loopback port and a data dir of its own. */
export class Harness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly dataDir: string,
    private readonly contract: Contract,
  ) {}

  static async start(
    dataDir = tempDataDir(),
    bodyLimit = 64 * 1024,
    eventStore: StoreConfig['eventStore'] = { kind: 'sqlite', synchronous: 'normal' },
    overrides: Partial<AppConfig> = {},
  ): Promise<Harness> {
    const app = await createApp({
      port: 0,
      stores: { dataDir, eventStore, readStore: { kind: 'embedded' } },
      bodyLimit,
      logLevel: 'silent',
      projector: true,
      ...overrides,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = await app.getUrl();
    return new Harness(app, url, dataDir, await Contract.of(url));
  }

  key(role: Role, partnerId?: string): string {
    return this.app.get(ApiKeys).create(role, { partnerId }, new Date()).secret;
  }

  async call(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    const payload =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const answer = {
      status: response.status,
      headers: response.headers,
      // JSON answers parsed; another (a verify's server-sent events) as its text.
      body: !text
        ? undefined
        : /json/.test(response.headers.get('content-type') ?? '')
          ? JSON.parse(text)
          : text,
    };
    // Every answer the end-to-end tests receive must be one the OpenAPI document describes.
    this.contract.check(method, path, answer);
    return answer;
  }

  /** Waits until the read models include every event recorded so far. */
  async settled(): Promise<void> {
    const head = await this.app.get(EventStore).headPosition();
    if (head !== undefined) await this.app.get(ProjectorService).waitFor(head);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
