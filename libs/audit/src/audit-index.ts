import Database from 'better-sqlite3';
import type { DiscountApplied } from '@fresh/domain';
import type { EventStore, RecordedEvent, Subscription } from '@fresh/event-store';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { COMMAND_REFUSED, CommandRefusedData } from './refusals';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS followed (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (
    seq            INTEGER PRIMARY KEY,
    position       TEXT    NOT NULL UNIQUE,
    stream_id      TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    type           TEXT    NOT NULL,
    correlation_id TEXT,
    key_id         TEXT,
    recorded_at    TEXT
  );
  CREATE INDEX IF NOT EXISTS events_by_correlation ON events (correlation_id, seq);
  CREATE INDEX IF NOT EXISTS events_by_key ON events (key_id, seq);
  CREATE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, seq);
  CREATE TABLE IF NOT EXISTS sales (
    seq          INTEGER PRIMARY KEY,
    position     TEXT NOT NULL UNIQUE,
    sale_id      TEXT NOT NULL,
    partner_id   TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    sold_on      TEXT NOT NULL,
    rule         TEXT NOT NULL,
    rate         TEXT NOT NULL,
    retail       INTEGER NOT NULL,
    discount     INTEGER NOT NULL,
    net          INTEGER NOT NULL,
    policy       TEXT NOT NULL,
    key_id       TEXT
  );
  CREATE INDEX IF NOT EXISTS sales_by_partner ON sales (partner_id, seq);
  CREATE INDEX IF NOT EXISTS sales_by_client ON sales (client_id, seq);
  CREATE TABLE IF NOT EXISTS refusals (
    seq            INTEGER PRIMARY KEY,
    position       TEXT NOT NULL UNIQUE,
    stream_id      TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    partner_id     TEXT,
    code           TEXT NOT NULL,
    detail         TEXT NOT NULL,
    command_type   TEXT NOT NULL,
    route          TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    body_sha256    TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    key_name       TEXT,
    role           TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS refusals_by_partner ON refusals (partner_id, seq);
`;

/** A page of a search: the items, and the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SaleFound {
  saleId: string;
  partnerId: string;
  clientId: string;
  soldOn: string;
  decision: {
    rule: string;
    rate: string;
    retail: number;
    discount: number;
    net: number;
    policyVersion: string;
  };
  keyId: string | null;
  position: string;
}

export interface RefusalFound {
  code: string;
  detail: string;
  commandType: string;
  route: string;
  partnerId: string | null;
  businessDate: string;
  bodySha256: string;
  correlationId: string;
  actor: { keyId: string; role: string; name?: string };
  recordedAt: string;
  streamId: string;
  revision: number;
  position: string;
}

export interface EventFound {
  streamId: string;
  revision: number;
  type: string;
  correlationId: string | null;
  keyId: string | null;
  recordedAt: string | null;
  position: string;
}

export interface PageRequest {
  limit: number;
  /** The cursor of the page before (opaque: the nextCursor of that page). */
  cursor?: string;
}

/** Cursors are the index's own sequence number of the last item given, opaque to callers. */
export const encodeCursor = (seq: bigint) => Buffer.from(`s${seq}`).toString('base64url');
export function decodeCursor(cursor: string): bigint | undefined {
  const text = Buffer.from(cursor, 'base64url').toString();
  return /^s\d{1,18}$/.test(text) ? BigInt(text.slice(1)) : undefined;
}

type Row = Record<string, unknown> & { seq: bigint; position: string };
/** A WHERE clause with one `?`, and its value; skipped when the value is absent. */
type Condition = [clause: string, value: unknown];

/**
 * What auditors search by, kept from the log by a follower of its own (audit-index.db in the data
 * dir, whatever the event store): sales with their decision, refusals, and every event by
 * correlation id, key and stream. Rebuilt from the log if deleted.
 */
export class AuditIndex {
  private readonly db: Database.Database;
  private subscription?: Subscription;
  private readonly write: (batch: RecordedEvent[]) => void;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private followed?: bigint;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(SCHEMA);
    const event = this.db.prepare(
      'INSERT OR IGNORE INTO events (position, stream_id, revision, type, correlation_id, key_id, recorded_at) VALUES (@position, @streamId, @revision, @type, @correlationId, @keyId, @recordedAt)',
    );
    const sale = this.db.prepare(
      'INSERT OR IGNORE INTO sales (position, sale_id, partner_id, client_id, sold_on, rule, rate, retail, discount, net, policy, key_id) VALUES (@position, @saleId, @partnerId, @clientId, @soldOn, @rule, @rate, @retail, @discount, @net, @policy, @keyId)',
    );
    const refusal = this.db.prepare(
      'INSERT OR IGNORE INTO refusals (position, stream_id, revision, partner_id, code, detail, command_type, route, business_date, body_sha256, correlation_id, key_id, key_name, role, recorded_at) VALUES (@position, @streamId, @revision, @partnerId, @code, @detail, @commandType, @route, @businessDate, @bodySha256, @correlationId, @keyId, @keyName, @role, @recordedAt)',
    );
    const followed = this.db.prepare(
      'INSERT INTO followed (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
    );
    this.write = this.db.transaction((batch: RecordedEvent[]) => {
      for (const e of batch) {
        const m = e.metadata ?? {};
        const position = e.position.toString();
        event.run({
          position,
          streamId: e.streamId,
          revision: e.revision,
          type: e.type,
          correlationId: m.correlationId ?? null,
          keyId: m.actor?.keyId ?? null,
          recordedAt: m.recordedAt ?? null,
        });
        if (e.type === 'DiscountApplied') {
          const d = e.data as DiscountApplied['data'];
          sale.run({
            position,
            saleId: d.saleId,
            partnerId: d.partnerId,
            clientId: d.clientId,
            soldOn: d.inputs.soldOn,
            rule: d.rule,
            rate: d.rate,
            retail: d.retail,
            discount: d.discount,
            net: d.net,
            policy: d.policyVersion,
            keyId: m.actor?.keyId ?? null,
          });
        } else if (e.type === COMMAND_REFUSED) {
          const d = e.data as CommandRefusedData;
          refusal.run({
            position,
            streamId: e.streamId,
            revision: e.revision,
            partnerId: d.partnerId,
            code: d.code,
            detail: d.detail,
            commandType: d.commandType,
            route: d.route,
            businessDate: m.businessDate,
            bodySha256: d.bodySha256,
            correlationId: m.correlationId,
            keyId: m.actor.keyId,
            keyName: m.actor.name ?? null,
            role: m.actor.role,
            recordedAt: m.recordedAt,
          });
        }
      }
      followed.run(batch[batch.length - 1].position.toString());
    });
  }

  /** Follows the log from where the index stopped. */
  follow(events: EventStore, onError: (error: Error) => void): void {
    const row = this.db.prepare('SELECT position FROM followed').pluck().get() as
      bigint | undefined;
    this.followed = row;
    this.subscription = events.subscribeToAll({ after: row, batchSize: 2_000 }, (batch) => {
      this.write(batch);
      this.followed = batch[batch.length - 1].position;
      const ready = this.waiters.filter((w) => w.position <= this.followed!);
      this.waiters = this.waiters.filter((w) => w.position > this.followed!);
      for (const w of ready) w.resolve();
    });
    this.subscription.done.catch(onError);
  }

  get position(): bigint | undefined {
    return this.followed;
  }

  /** Where the process that follows the log has brought the file (read by the others). */
  storedPosition(): bigint | undefined {
    const row = this.db.prepare('SELECT position FROM followed').pluck().get() as
      string | bigint | undefined;
    return row === undefined ? undefined : BigInt(row);
  }

  waitFor(position: bigint): Promise<void> {
    if (this.followed !== undefined && this.followed >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.db.close();
  }

  /** A page of `sql`'s rows in index order, filtered by the conditions whose value is given. */
  private page<T>(
    sql: string,
    conditions: Condition[],
    page: PageRequest,
    map: (r: Row) => T,
  ): Page<T> {
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    const given = [...conditions, ['seq > ?', after] as Condition].filter(
      ([, value]) => value !== undefined,
    );
    const where = given.map(([clause]) => clause);
    const params = given.map(([, value]) => value);
    const rows = this.db
      .prepare(`${sql} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`)
      .all(...params, page.limit + 1) as Row[];
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    return {
      items: items.map(map),
      nextCursor: more ? encodeCursor(items[items.length - 1].seq) : null,
    };
  }

  sales(
    filter: { partnerId?: string; clientId?: string; from?: string; to?: string; rule?: string },
    page: PageRequest,
  ): Page<SaleFound> {
    const conditions: Condition[] = [
      ['partner_id = ?', filter.partnerId],
      ['client_id = ?', filter.clientId],
      ['sold_on >= ?', filter.from],
      ['sold_on <= ?', filter.to],
      ['rule = ?', filter.rule],
    ];
    return this.page('SELECT * FROM sales', conditions, page, (r) => ({
      saleId: r.sale_id as string,
      partnerId: r.partner_id as string,
      clientId: r.client_id as string,
      soldOn: r.sold_on as string,
      decision: {
        rule: r.rule as string,
        rate: r.rate as string,
        retail: Number(r.retail),
        discount: Number(r.discount),
        net: Number(r.net),
        policyVersion: r.policy as string,
      },
      keyId: (r.key_id as string | null) ?? null,
      position: r.position,
    }));
  }

  refusals(
    filter: { partnerId?: string; code?: string; from?: string; to?: string },
    page: PageRequest,
  ): Page<RefusalFound> {
    const conditions: Condition[] = [
      ['partner_id = ?', filter.partnerId],
      ['code = ?', filter.code],
      ['business_date >= ?', filter.from],
      ['business_date <= ?', filter.to],
    ];
    return this.page('SELECT * FROM refusals', conditions, page, (r) => ({
      code: r.code as string,
      detail: r.detail as string,
      commandType: r.command_type as string,
      route: r.route as string,
      partnerId: (r.partner_id as string | null) ?? null,
      businessDate: r.business_date as string,
      bodySha256: r.body_sha256 as string,
      correlationId: r.correlation_id as string,
      actor: {
        keyId: r.key_id as string,
        role: r.role as string,
        ...(r.key_name ? { name: r.key_name as string } : {}),
      },
      recordedAt: r.recorded_at as string,
      streamId: r.stream_id as string,
      revision: Number(r.revision),
      position: r.position,
    }));
  }

  events(
    filter: { correlationId?: string; keyId?: string; streamId?: string },
    page: PageRequest,
  ): Page<EventFound> {
    const conditions: Condition[] = [
      ['correlation_id = ?', filter.correlationId],
      ['key_id = ?', filter.keyId],
      ['stream_id = ?', filter.streamId],
    ];
    return this.page('SELECT * FROM events', conditions, page, (r) => ({
      streamId: r.stream_id as string,
      revision: Number(r.revision),
      type: r.type as string,
      correlationId: (r.correlation_id as string | null) ?? null,
      keyId: (r.key_id as string | null) ?? null,
      recordedAt: (r.recorded_at as string | null) ?? null,
      position: r.position,
    }));
  }
}
