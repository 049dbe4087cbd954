/**
 * Import rate (bundle rows per second, whole use case: parse, check every patient, append) into a
 * fresh SQLite store, for the shipped 81-patient cohort and a generated bundle, then the same bundle
 * again (idempotent: nothing appended). Prints one JSON line per run.
 *
 *   npm run build && node dist/bench/importRate.bench.js [generatedPatients=100000]
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config';
import type { BundleFiles } from '../src/import/bundle.parse';
import { demoBundleFolder, readBundleFolder } from '../src/import/bundle.source';
import { ImportBundleMessage, type ImportProgress, type ImportSummary } from '../src/import/importBundle.handler';
import { generateBundle } from '../src/synthetic/bundle.generate';
import { MAX_EVENTS_PER_COMMIT } from '../src/eventStore/sqlite.adapter';
import { insertFloor } from './logFloors';

async function importTwice(label: string, files: BundleFiles): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-import-'));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: loadConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir }) }), { logger: ['error'] });
  try {
    const bus = app.get(CommandBus);
    let bundleRows = 0;
    for (const run of ['first', 'again']) {
      // a phase runs from the last report of the phase before it (the check: from the start, parse included) to its own last report
      // and its CPU seconds (all threads: while the check runs the writer thread is idle, so that is the main thread's)
      const phases: Record<string, number> = {};
      const phasesCpu: Record<string, number> = {};
      const cpuSeconds = () => ((u) => (u.user + u.system) / 1e6)(process.cpuUsage());
      let [phase, phaseStart, lastReport, phaseCpuStart, lastReportCpu] = ['checking', performance.now(), performance.now(), cpuSeconds(), cpuSeconds()];
      const onProgress = (p: ImportProgress) => {
        if (p.phase !== phase) [phase, phaseStart, phaseCpuStart] = [p.phase, lastReport, lastReportCpu];
        [lastReport, lastReportCpu] = [performance.now(), cpuSeconds()];
        phases[p.phase] = +((lastReport - phaseStart) / 1000).toFixed(2);
        phasesCpu[p.phase] = +(lastReportCpu - phaseCpuStart).toFixed(2);
      };
      const started = performance.now();
      const cpu = process.cpuUsage();
      const summary: ImportSummary = await bus.execute(new ImportBundleMessage(files, 'bench', onProgress));
      const { user, system } = process.cpuUsage(cpu);
      const { rows, patients, eventsAppended, unchanged, seconds, rowsPerSecond } = summary;
      bundleRows = rows;
      const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
      process.stdout.write(`${JSON.stringify({ label, run, rows, patients, eventsAppended, unchanged, seconds: +seconds.toFixed(2), rowsPerSecond, phases, phasesCpu, wallSeconds: +((performance.now() - started) / 1000).toFixed(2), cpuSeconds: { user: +(user / 1e6).toFixed(1), system: +(system / 1e6).toFixed(1) }, heapMb })}\n`);
    }
    // what inserting these events costs alone, serialised and hashed already: the most an import could do if checking were free
    const written = insertFloor(join(dataDir, 'events.sqlite'), MAX_EVENTS_PER_COMMIT);
    process.stdout.write(`${JSON.stringify({ label, measure: 'write floor (bare insert of the log written)', ...written, bundleRowsPerSecondWritingOnly: Math.round(bundleRows / written.seconds) })}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const generated = Number(process.argv[2] ?? 100_000);
  await importTwice('mayo-2012 (81 patients)', readBundleFolder(demoBundleFolder()));
  const started = performance.now();
  const files = generateBundle(generated);
  process.stdout.write(`${JSON.stringify({ generated, seconds: +((performance.now() - started) / 1000).toFixed(2), megabytes: +(Object.values(files).reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1) })}\n`);
  await importTwice(`generated (${generated} patients)`, files);
}

void main();
