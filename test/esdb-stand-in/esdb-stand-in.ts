/* eslint-disable @typescript-eslint/no-explicit-any */
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import {
  AppendResp,
  Empty,
  ReadResp,
  StreamIdentifier,
  StreamsService,
  UUID,
} from './streams-protocol';

/**
 * A TEST DOUBLE, never shipped: a small gRPC server that answers the calls the EsdbEventStore
 * adapter makes through the real @kurrent/kurrentdb-client, as the EventStoreDB documentation
 * describes them: Streams.Append with expected-revision checks, Streams.Read of a stream (or "stream
 * not found"), of $all forwards and backwards from a position with a server-side filter, and
 * catch-up subscriptions to $all that go live. ServerFeatures is left unimplemented, which the
 * client reads as "an older server" and answers by using Append rather than BatchAppend.
 *
 * It proves the adapter speaks the protocol the client speaks, maps stream states and errors, and
 * keeps positions exact. It does not prove clustering, durability, performance, or that a real
 * server agrees in every corner: that is what `npm run test:servers` is for.
 */
interface StoredEvent {
  streamName: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  customMetadata: Uint8Array;
  data: Uint8Array;
  created: bigint;
}

type Filter = (event: StoredEvent) => boolean;

export class EsdbStandIn {
  private server?: Server;
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  /** Log positions grow by each record's size, as in a real transaction file. */
  private nextPosition = 1_000n;
  port = 0;

  constructor() {
    // A server's $all always holds system events; the adapter must filter them out.
    this.write('$settings', [
      {
        id: '00000000-0000-0000-0000-000000000001',
        type: '$settings',
        contentType: 'application/json',
        customMetadata: new Uint8Array(),
        data: Buffer.from('{}'),
      },
    ]);
  }

  /** Serves the log on a port (a new one, or the one it had: the log outlives a stop). */
  async start(port = this.port): Promise<string> {
    const server = new Server();
    server.addService(StreamsService, {
      append: (call: any, callback: any) => this.append(call, callback),
      read: (call: any) => this.read(call),
    });
    this.server = server;
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Stops answering at once, dropping open calls, as a crashed server would. */
  async stop(): Promise<void> {
    this.server?.forceShutdown();
    this.listeners.clear();
  }

  private write(
    streamName: string,
    events: Omit<StoredEvent, 'streamName' | 'revision' | 'position' | 'created'>[],
  ): StoredEvent[] {
    const stream = this.streams.get(streamName) ?? [];
    const written = events.map((e) => {
      const event: StoredEvent = {
        ...e,
        streamName,
        revision: BigInt(stream.length),
        position: this.nextPosition,
        created: BigInt(Date.now()) * 10_000n,
      };
      this.nextPosition += BigInt(100 + e.data.length + e.customMetadata.length);
      stream.push(event);
      this.log.push(event);
      return event;
    });
    this.streams.set(streamName, stream);
    written.forEach((event) => this.listeners.forEach((listener) => listener(event)));
    return written;
  }

  private append(call: any, callback: (e: unknown, r?: any) => void): void {
    let options: any;
    const proposed: any[] = [];
    call.on('data', (req: any) => {
      if (req.hasOptions()) options = req.getOptions();
      else proposed.push(req.getProposedMessage());
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'no options' });
      const streamName = Buffer.from(options.getStreamIdentifier().getStreamName()).toString(
        'utf8',
      );
      const stream = this.streams.get(streamName);
      const current = stream?.length ? BigInt(stream.length - 1) : undefined;
      const resp = new AppendResp();
      const wrong =
        (options.hasNoStream() && current !== undefined) ||
        (options.hasStreamExists() && current === undefined) ||
        (options.hasRevision() && BigInt(options.getRevision()) !== current);
      if (wrong) {
        const w = new AppendResp.WrongExpectedVersion();
        if (current === undefined) w.setCurrentNoStream(new Empty());
        else w.setCurrentRevision(current.toString());
        if (options.hasRevision()) w.setExpectedRevision(options.getRevision());
        else if (options.hasNoStream()) w.setExpectedNoStream(new Empty());
        else if (options.hasStreamExists()) w.setExpectedStreamExists(new Empty());
        else w.setExpectedAny(new Empty());
        resp.setWrongExpectedVersion(w);
        return callback(null, resp);
      }
      const written = this.write(
        streamName,
        proposed.map((m) => ({
          id: m.getId().getString(),
          type: m.getMetadataMap().get('type'),
          contentType: m.getMetadataMap().get('content-type'),
          customMetadata: m.getCustomMetadata_asU8(),
          data: m.getData_asU8(),
        })),
      );
      const success = new AppendResp.Success();
      const last = written.at(-1);
      if (last) {
        success.setCurrentRevision(last.revision.toString());
        const position = new AppendResp.Position();
        position.setCommitPosition(last.position.toString());
        position.setPreparePosition(last.position.toString());
        success.setPosition(position);
      } else if (current !== undefined) {
        success.setCurrentRevision(current.toString());
        success.setNoPosition(new Empty());
      } else {
        success.setNoStream(new Empty());
        success.setNoPosition(new Empty());
      }
      resp.setSuccess(success);
      callback(null, resp);
    });
  }

  private read(call: any): void {
    const options = call.request.getOptions();
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === 1;
    const send = (event: StoredEvent) => call.write(eventResp(event));
    if (options.hasStream()) {
      const so = options.getStream();
      const streamName = Buffer.from(so.getStreamIdentifier().getStreamName()).toString('utf8');
      const stream = this.streams.get(streamName);
      if (!stream) {
        const notFound = new ReadResp.StreamNotFound();
        const id = new StreamIdentifier();
        id.setStreamName(Buffer.from(streamName));
        notFound.setStreamIdentifier(id);
        const resp = new ReadResp();
        resp.setStreamNotFound(notFound);
        call.write(resp);
        return call.end();
      }
      const from = so.hasStart()
        ? 0n
        : so.hasEnd()
          ? BigInt(stream.length - 1)
          : BigInt(so.getRevision());
      const selected = backwards
        ? stream.filter((e) => e.revision <= from).reverse()
        : stream.filter((e) => e.revision >= from);
      selected.slice(0, count).forEach(send);
      return call.end();
    }
    const all = options.getAll();
    const from = all.hasStart()
      ? 0n
      : all.hasEnd()
        ? BigInt(Number.MAX_SAFE_INTEGER) ** 2n
        : BigInt(all.getPosition().getCommitPosition());
    const filter = filterOf(options);
    if (options.hasSubscription()) {
      const confirmation = new ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(`sub-${Date.now()}`);
      const resp = new ReadResp();
      resp.setConfirmation(confirmation);
      call.write(resp);
      // A subscription from a position delivers what follows it, then goes live.
      this.log.filter((e) => (all.hasStart() || e.position > from) && filter(e)).forEach(send);
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
      const listener = (event: StoredEvent) => filter(event) && send(event);
      this.listeners.add(listener);
      call.on('cancelled', () => this.listeners.delete(listener));
      call.on('close', () => this.listeners.delete(listener));
      return;
    }
    const selected = backwards
      ? this.log.filter((e) => e.position <= from).reverse()
      : this.log.filter((e) => e.position >= from);
    selected.filter(filter).slice(0, count).forEach(send);
    call.end();
  }
}

function filterOf(options: any): Filter {
  if (!options.hasFilter()) return () => true;
  const f = options.getFilter();
  const on = f.hasEventType() ? f.getEventType() : f.getStreamIdentifier();
  const field = (e: StoredEvent) => (f.hasEventType() ? e.type : e.streamName);
  const regex = on.getRegex() ? new RegExp(on.getRegex()) : undefined;
  const prefixes: string[] = on.getPrefixList();
  return (e) => (regex ? regex.test(field(e)) : prefixes.some((p) => field(e).startsWith(p)));
}

function eventResp(event: StoredEvent) {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(event.id);
  recorded.setId(id);
  const stream = new StreamIdentifier();
  stream.setStreamName(Buffer.from(event.streamName));
  recorded.setStreamIdentifier(stream);
  recorded.setStreamRevision(event.revision.toString());
  recorded.setPreparePosition(event.position.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', event.created.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.position.toString());
  const resp = new ReadResp();
  resp.setEvent(read);
  return resp;
}
