/**
 * An in-process gRPC TEST DOUBLE of an EventStoreDB node, NOT EventStoreDB: there is no server binary and no
 * Docker where CI runs, so the adapter's contract suite runs against this instead. It serves the client
 * package's own generated service definitions (so the real @eventstore/db-client talks to it unchanged) and
 * implements the semantics the adapter relies on: ServerFeatures, Streams.Append, Streams.BatchAppend and
 * Streams.Read (see esdbTestLog.ts and esdbTestServer.read.ts for what is and is not reproduced).
 * The same suite runs against a real node when EVENTSTORE_URL is set (test/contract/eventstoredb.contract.spec.ts).
 *
 * `stop()` drops every connection at once, as a crashed node would; `start({ log, port })` brings a node
 * back over the same data on the same port, so reconnection can be tested.
 */
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { EsdbTestLog } from './esdbTestLog';
import { appendHandler, batchAppendHandler } from './esdbTestServer.append';
import { readHandler } from './esdbTestServer.read';

export interface EsdbTestServer {
  log: EsdbTestLog;
  port: number;
  /** the connection string a client uses: insecure, single node */
  url: string;
  stop(): Promise<void>;
}

export interface EsdbTestServerOptions {
  log?: EsdbTestLog;
  /** 0 (default) picks a free port */
  port?: number;
  /**
   * Answer ServerFeatures as a 22.x node does (the client then appends through BatchAppend); false answers
   * UNIMPLEMENTED as a 20.6 node does, and the client falls back to Append.
   */
  features?: boolean;
}

const STREAMS = 'event_store.client.streams.streams';

export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const log = options.log ?? new EsdbTestLog();
  const server = new grpc.Server();
  server.addService(StreamsService, {
    read: readHandler(log),
    append: appendHandler(log),
    batchAppend: batchAppendHandler(log),
    delete: unimplemented,
    tombstone: unimplemented,
  });
  if (options.features !== false) server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethods });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    log,
    port,
    url: `esdb://127.0.0.1:${port}?tls=false`,
    stop: async () => server.forceShutdown(),
  };
}

function supportedMethods(_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>): void {
  const methods = ['read', 'append', 'batchappend'].map((name) => new SupportedMethod().setServiceName(STREAMS).setMethodName(name));
  callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('24.10.0-test-double'));
}

function unimplemented(_call: unknown, callback: grpc.sendUnaryData<never>): void {
  callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in the EventStoreDB test double' });
}
