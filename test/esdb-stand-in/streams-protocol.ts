/* The client package's own generated definitions of the EventStoreDB gRPC protocol (v1). */
/* eslint-disable @typescript-eslint/no-require-imports */
const GENERATED = '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1';

export const { StreamsService } = require(`${GENERATED}/streams_grpc_pb`);
export const { ReadResp, AppendResp, BatchAppendResp } = require(`${GENERATED}/streams_pb`);
export const { ServerFeaturesService } = require(`${GENERATED}/serverfeatures_grpc_pb`);
export const { SupportedMethods, SupportedMethod } = require(`${GENERATED}/serverfeatures_pb`);
export const {
  Empty,
  UUID,
  StreamIdentifier,
  AllStreamPosition,
  WrongExpectedVersion,
  MaximumAppendSizeExceeded,
} = require(`${GENERATED}/shared_pb`);
export const { Status } = require(`${GENERATED}/status_pb`);
export const { Empty: ProtobufEmpty } = require('google-protobuf/google/protobuf/empty_pb');
export const { Any } = require('google-protobuf/google/protobuf/any_pb');
