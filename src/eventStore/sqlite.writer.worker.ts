/**
 * The SQLite writer thread: its own connection to the log commits the batches the main thread sends,
 * so that the commit's fsync (synchronous=FULL) and the WAL checkpoints wait here, not on the event
 * loop that serves requests. One batch at a time, in the order sent: the hash chain follows it.
 * Like the adapter, it drops its connection after a fatal fault and opens the file again next time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isFatalFault, openConnection, type SqliteConnection } from './sqlite.connection';
import { toWire, type WriterAnswer, type WriterRequest } from './sqlite.thread';

const file = (workerData as { file: string }).file;
let connection: SqliteConnection | null = null;

function drop(): void {
  try {
    connection?.db.close();
  } catch {
    // a broken connection may refuse to close cleanly; it is discarded either way
  }
  connection = null;
}

const answer = (message: WriterAnswer) => parentPort!.postMessage(message);

parentPort!.on('message', (message: WriterRequest) => {
  if ('close' in message) {
    drop();
    answer({ id: message.id, closed: true });
    parentPort!.close();
    return;
  }
  try {
    connection ??= openConnection(file);
    const outcomes = connection.appendBatch.immediate(message.requests, message.placing);
    answer({ id: message.id, outcomes: outcomes.map((o) => (o.ok ? o : { ok: false, error: toWire(o.error) })) });
  } catch (error) {
    if (isFatalFault(error)) drop();
    answer({ id: message.id, failure: toWire(error) });
  }
});
