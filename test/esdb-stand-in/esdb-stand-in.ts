/* eslint-disable @typescript-eslint/no-explicit-any */
import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import {
  after,
  CommitResult,
  ExpectedState,
  Proposed,
  StandInLog,
  StoredEvent,
} from './stand-in-log';
import {
  AllStreamPosition,
  Any,
  AppendResp,
  BatchAppendResp,
  Empty,
  MaximumAppendSizeExceeded,
  ProtobufEmpty,
  ReadResp,
  ServerFeaturesService,
  Status,
  StreamIdentifier,
  StreamsService,
  SupportedMethod,
  SupportedMethods,
  UUID,
  WrongExpectedVersion,
} from './streams-protocol';

/**
 * A TEST DOUBLE, never shipped: a small gRPC server that answers the calls the EsdbEventStore
 * adapter makes through the real @kurrent/kurrentdb-client, as the EventStoreDB documentation and
 * a 24.10 server describe them:
 * - ServerFeatures.GetSupportedMethods, advertising Streams.BatchAppend (with Append and Read),
 *   so the client writes through BatchAppend as it does against a real 24.10 server;
 * - Streams.BatchAppend and Streams.Append with expected-revision checks, idempotent appends (see
 *   stand-in-log.ts), a 1 MiB maximum append size, and events of one append sharing a commit
 *   position with distinct prepare positions;
 * - Streams.Read of a stream (or "stream not found"), of $all forwards and backwards from a
 *   position with a server-side filter, and catch-up subscriptions to $all that go live.
 * `faults` makes it answer as a server in trouble does: during an election (appends answer
 * not-leader), a secure server whose user may not read $all (access denied), a connection that
 * stays open but no longer delivers live events.
 *
 * It proves the adapter speaks the protocol the client speaks, maps stream states and errors, and
 * keeps positions exact. It does not prove clustering, durability, performance, or that a real
 * server agrees in every corner: that is what `npm run test:servers` is for.
 */
export class EsdbStandIn {
  private server?: Server;
  private readonly log = new StandInLog();
  /** Trouble to simulate; change it at any time. */
  readonly faults: {
    election?: boolean;
    allReadDenied?: boolean;
    /** Subscriptions open and stay open but receive nothing, as on a half-dead connection. */
    silentSubscriptions?: boolean;
  } = {};
  /** BatchAppend calls received: the path a 24.10 server makes the client use. */
  batchAppends = 0;
  /** Subscription calls received (catch-up subscriptions to $all). */
  subscriptions = 0;
  port = 0;

  constructor() {
    // A server's $all always holds system events; the adapter must filter them out.
    this.log.commit(
      '$settings',
      [
        {
          id: '00000000-0000-0000-0000-000000000001',
          type: '$settings',
          contentType: 'application/json',
          customMetadata: new Uint8Array(),
          data: Buffer.from('{}'),
        },
      ],
      { kind: 'any' },
    );
  }

  /** Serves the log on a port (a new one, or the one it had: the log outlives a stop). */
  async start(port = this.port): Promise<string> {
    const server = new Server();
    server.addService(StreamsService, {
      append: (call: any, callback: any) => this.append(call, callback),
      batchAppend: (call: any) => this.batchAppend(call),
      read: (call: any) => this.read(call),
    });
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_: any, callback: any) => callback(null, supportedMethods()),
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
    this.log.forgetListeners();
  }

  /** The (commit, prepare) positions of a stream's events, as stored. */
  positionsOf(streamName: string): { commit: bigint; prepare: bigint }[] {
    return (this.log.stream(streamName) ?? []).map(({ commit, prepare }) => ({ commit, prepare }));
  }

  /** A not-leader answer as a follower gives it during an election: gRPC NOT_FOUND, leader info in the trailers. */
  private notLeader() {
    const metadata = new Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', '127.0.0.1');
    metadata.set('leader-endpoint-port', String(this.port));
    return { code: status.NOT_FOUND, details: 'Leader info available', metadata };
  }

  private append(call: any, callback: (e: unknown, r?: any) => void): void {
    let options: any;
    const proposed: Proposed[] = [];
    call.on('data', (req: any) => {
      if (req.hasOptions()) options = req.getOptions();
      else proposed.push(fromProposed(req.getProposedMessage()));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'no options' });
      if (this.faults.election) return callback(this.notLeader());
      const streamName = nameOf(options.getStreamIdentifier());
      const expected: ExpectedState = options.hasNoStream()
        ? { kind: 'no_stream' }
        : options.hasStreamExists()
          ? { kind: 'exists' }
          : options.hasRevision()
            ? { kind: 'revision', revision: BigInt(options.getRevision()) }
            : { kind: 'any' };
      const result = this.log.commit(streamName, proposed, expected);
      if (result.kind === 'too-large') {
        const metadata = new Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(result.maxAppendSize));
        return callback({
          code: status.INVALID_ARGUMENT,
          details: `Maximum Append Size of ${result.maxAppendSize} Exceeded.`,
          metadata,
        });
      }
      const resp = new AppendResp();
      if (result.kind === 'wrong-expected-version') {
        const w = new AppendResp.WrongExpectedVersion();
        if (result.current === undefined) w.setCurrentNoStream(new Empty());
        else w.setCurrentRevision(result.current.toString());
        if (expected.kind === 'revision') w.setExpectedRevision(expected.revision.toString());
        else if (expected.kind === 'no_stream') w.setExpectedNoStream(new Empty());
        else if (expected.kind === 'exists') w.setExpectedStreamExists(new Empty());
        else w.setExpectedAny(new Empty());
        resp.setWrongExpectedVersion(w);
        return callback(null, resp);
      }
      const success = new AppendResp.Success();
      const last = result.events.at(-1);
      if (last) {
        success.setCurrentRevision(last.revision.toString());
        const position = new AppendResp.Position();
        position.setCommitPosition(last.commit.toString());
        position.setPreparePosition(last.prepare.toString());
        success.setPosition(position);
      } else if (result.current !== undefined) {
        success.setCurrentRevision(result.current.toString());
        success.setNoPosition(new Empty());
      } else {
        success.setNoStream(new Empty());
        success.setNoPosition(new Empty());
      }
      resp.setSuccess(success);
      callback(null, resp);
    });
  }

  /**
   * One bidirectional call carries many appends, each named by a correlation id: options first,
   * proposed messages in one or more requests, the last marked final; one answer per append.
   * During an election the server ends the whole call with not-leader, as a 24.10 server does.
   */
  private batchAppend(call: any): void {
    this.batchAppends++;
    const pending = new Map<string, { options: any; proposed: Proposed[] }>();
    call.on('error', () => undefined);
    call.on('end', () => call.end());
    call.on('data', (req: any) => {
      const correlationId = req.getCorrelationId();
      const key = Buffer.from(correlationId.serializeBinary()).toString('hex');
      if (req.hasOptions()) pending.set(key, { options: req.getOptions(), proposed: [] });
      const append = pending.get(key);
      if (!append) return;
      append.proposed.push(...req.getProposedMessagesList().map(fromProposed));
      if (!req.getIsFinal()) return;
      pending.delete(key);
      if (this.faults.election) {
        call.emit('error', this.notLeader());
        return;
      }
      const { options } = append;
      const expected: ExpectedState = options.hasNoStream()
        ? { kind: 'no_stream' }
        : options.hasStreamExists()
          ? { kind: 'exists' }
          : options.hasStreamPosition()
            ? { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
            : { kind: 'any' };
      const result = this.log.commit(
        nameOf(options.getStreamIdentifier()),
        append.proposed,
        expected,
      );
      const resp = batchAnswer(result, expected);
      resp.setCorrelationId(correlationId);
      resp.setStreamIdentifier(options.getStreamIdentifier());
      call.write(resp);
    });
  }

  private read(call: any): void {
    const options = call.request.getOptions();
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === 1;
    const send = (event: StoredEvent) => call.write(eventResp(event));
    if (options.hasStream()) {
      const so = options.getStream();
      const streamName = nameOf(so.getStreamIdentifier());
      const stream = this.log.stream(streamName);
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
    if (this.faults.allReadDenied) {
      // A secure 24.10 server lets only admins (and ops) read $all.
      const metadata = new Metadata();
      metadata.set('exception', 'access-denied');
      call.emit('error', { code: status.PERMISSION_DENIED, details: 'Access Denied', metadata });
      return;
    }
    const all = options.getAll();
    const from = all.hasStart()
      ? { commit: -1n, prepare: -1n }
      : all.hasEnd()
        ? { commit: 2n ** 64n, prepare: 2n ** 64n }
        : {
            commit: BigInt(all.getPosition().getCommitPosition()),
            prepare: BigInt(all.getPosition().getPreparePosition()),
          };
    const filter = filterOf(options);
    if (options.hasSubscription()) {
      this.subscriptions++;
      const confirmation = new ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(`sub-${Date.now()}`);
      const resp = new ReadResp();
      resp.setConfirmation(confirmation);
      call.write(resp);
      // A subscription from a position delivers what follows it, then goes live.
      if (!this.faults.silentSubscriptions)
        this.log.all.filter((e) => after(e, from) && filter(e)).forEach(send);
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
      const forget = this.log.listen(
        (event) => !this.faults.silentSubscriptions && filter(event) && send(event),
      );
      call.on('cancelled', forget);
      call.on('close', forget);
      return;
    }
    // A read of $all includes the event at its start position.
    const selected = backwards
      ? this.log.all.filter((e) => !after(e, from)).reverse()
      : this.log.all.filter((e) => !after(from, e));
    selected.filter(filter).slice(0, count).forEach(send);
    call.end();
  }
}

function supportedMethods() {
  const methods = new SupportedMethods();
  methods.setEventStoreServerVersion('24.10.0');
  for (const name of ['Read', 'Append', 'BatchAppend']) {
    const method = new SupportedMethod();
    method.setServiceName('event_store.client.streams.Streams');
    method.setMethodName(name);
    methods.addMethods(method);
  }
  return methods;
}

const nameOf = (identifier: any) => Buffer.from(identifier.getStreamName()).toString('utf8');

function fromProposed(message: any): Proposed {
  return {
    id: message.getId().getString(),
    type: message.getMetadataMap().get('type'),
    contentType: message.getMetadataMap().get('content-type'),
    customMetadata: message.getCustomMetadata_asU8(),
    data: message.getData_asU8(),
  };
}

/** A google.rpc.Status carrying one of the protocol's error details, as BatchAppend answers them. */
function errorStatus(code: number, message: string, detail: any, typeName: string) {
  const details = new Any();
  details.pack(detail.serializeBinary(), `event_store.client.${typeName}`);
  const error = new Status();
  error.setCode(code);
  error.setMessage(message);
  error.setDetails(details);
  return error;
}

function batchAnswer(result: CommitResult, expected: ExpectedState) {
  const resp = new BatchAppendResp();
  if (result.kind === 'too-large') {
    const detail = new MaximumAppendSizeExceeded();
    detail.setMaxappendsize(result.maxAppendSize);
    resp.setError(
      errorStatus(
        status.INVALID_ARGUMENT,
        `Maximum Append Size of ${result.maxAppendSize} Exceeded.`,
        detail,
        'MaximumAppendSizeExceeded',
      ),
    );
  } else if (result.kind === 'wrong-expected-version') {
    const detail = new WrongExpectedVersion();
    if (result.current === undefined) detail.setCurrentNoStream(new ProtobufEmpty());
    else detail.setCurrentStreamRevision(result.current.toString());
    if (expected.kind === 'revision')
      detail.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') detail.setExpectedNoStream(new ProtobufEmpty());
    else if (expected.kind === 'exists') detail.setExpectedStreamExists(new ProtobufEmpty());
    else detail.setExpectedAny(new ProtobufEmpty());
    resp.setError(
      errorStatus(
        status.FAILED_PRECONDITION,
        'Wrong expected version',
        detail,
        'WrongExpectedVersion',
      ),
    );
  } else {
    const success = new BatchAppendResp.Success();
    const last = result.events.at(-1);
    if (last) {
      success.setCurrentRevision(last.revision.toString());
      const position = new AllStreamPosition();
      position.setCommitPosition(last.commit.toString());
      position.setPreparePosition(last.prepare.toString());
      success.setPosition(position);
    } else {
      if (result.current === undefined) success.setNoStream(new ProtobufEmpty());
      else success.setCurrentRevision(result.current.toString());
      success.setNoPosition(new ProtobufEmpty());
    }
    resp.setSuccess(success);
  }
  return resp;
}

function filterOf(options: any): (event: StoredEvent) => boolean {
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
  recorded.setPreparePosition(event.prepare.toString());
  recorded.setCommitPosition(event.commit.toString());
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', event.created.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.commit.toString());
  const resp = new ReadResp();
  resp.setEvent(read);
  return resp;
}
