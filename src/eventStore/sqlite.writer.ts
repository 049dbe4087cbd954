/**
 * The main thread's side of the SQLite writer thread (sqlite.writer.worker.ts): `commit` hands a
 * batch of appends over and resolves with each one's outcome once the transaction is on disk, or
 * rejects with the fault that refused the whole batch. The thread starts at the first commit and
 * keeps the process alive only while a batch is in flight.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendOutcome, AppendRequest } from './sqlite.connection';
import { fromWire, outcomeFromWire, type WriterAnswer, type WriterRequest } from './sqlite.thread';

const WORKER = join(__dirname, 'sqlite.writer.worker');

/**
 * Compiled, the worker is a .js file beside this one; under jest the sources are TypeScript, which the
 * worker compiles as it loads them, with the options jest.config.js gives @swc/jest.
 */
function startWorker(file: string): Worker {
  if (__filename.endsWith('.js')) return new Worker(`${WORKER}.js`, { workerData: { file } });
  const hook = `
    const { transformSync } = require('@swc/core');
    const { readFileSync } = require('node:fs');
    const options = { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } };
    require.extensions['.ts'] = (module, file) => module._compile(transformSync(readFileSync(file, 'utf8'), { ...options, filename: file }).code, file);
    require(${JSON.stringify(`${WORKER}.ts`)});`;
  return new Worker(hook, { eval: true, workerData: { file } });
}

export class SqliteWriterThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (answer: WriterAnswer) => void; reject: (error: unknown) => void }>();

  constructor(readonly file: string) {}

  async commit(requests: readonly AppendRequest[], placing: boolean): Promise<AppendOutcome[]> {
    const answer = await this.send({ id: this.nextId++, requests, placing });
    if ('failure' in answer) throw fromWire(answer.failure);
    if (!('outcomes' in answer)) throw new Error('the SQLite writer thread answered a commit with something else');
    return answer.outcomes.map(outcomeFromWire);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.send({ id: this.nextId++, close: true });
    // an idle thread is unref'd; a process whose last work is this close (a CLI run) must wait for it
    worker.ref();
    await exited;
    this.worker = null;
  }

  private send(message: WriterRequest): Promise<WriterAnswer> {
    const worker = (this.worker ??= this.start());
    return new Promise<WriterAnswer>((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      worker.ref();
      worker.postMessage(message);
    });
  }

  private start(): Worker {
    const worker = startWorker(this.file);
    worker.unref();
    worker.on('message', (answer: WriterAnswer) => {
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) worker.unref();
      waiting?.resolve(answer);
    });
    // a thread that dies (it should not) fails what it was asked; the next commit starts a new one
    const fail = (error: unknown) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite writer thread exited (code ${code})`)));
    return worker;
  }
}
