/* The client package's own generated definitions of the EventStoreDB gRPC protocol (v1). */
/* eslint-disable @typescript-eslint/no-require-imports */
const GENERATED = '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1';

export const { StreamsService } = require(`${GENERATED}/streams_grpc_pb`);
export const { ReadResp, AppendResp } = require(`${GENERATED}/streams_pb`);
export const { Empty, UUID, StreamIdentifier } = require(`${GENERATED}/shared_pb`);
