import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { patientStream } from '../../src/patients/patient.stream';
import { handleCommand } from '../../src/shared/handleCommand';
import type { PatientCommand } from '../../src/patients/patient.commands';
import { runCli } from '../support/cli';

describe('CLI (e2e, the built program as a child process)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'cc-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a patient stream recorded in the data directory as JSON lines', async () => {
    const store = SqliteEventStore.inDirectory(dataDir);
    const metadata = { now: '2011-06-30T10:00:00.000Z', recordedBy: 'test' };
    const commands: PatientCommand[] = [
      { type: 'EnrollPatient', data: { patientId: 'P1', sex: 'male', birthDate: '1960-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }, metadata },
      { type: 'RecordContact', data: { seenOn: '2001-01-01' }, metadata },
    ];
    await handleCommand({ store, newId: randomUUID }, patientStream, 'patient-P1', commands, {
      recordedAt: metadata.now,
      recordedBy: 'test',
      correlationId: 'c-1',
      causationId: null,
    });
    await store.close();

    const run = runCli(['events', 'P1'], { DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => [e.type, e.revision, e.correlationId])).toEqual([
      ['PatientEnrolled', 0, 'c-1'],
      ['ContactRecorded', 1, 'c-1'],
    ]);
    const history = runCli(['history', 'P1'], { DATA_DIR: dataDir });
    expect(history.stdout).toBe(
      '#0 2011-06-30T10:00:00.000Z by test: Enrolled patient P1: male, born 1960-01-01; research authorization granted; treatment history documented\n' +
        '#1 2011-06-30T10:00:00.000Z by test: Seen alive on 2001-01-01\n',
    );
  });

  it('runs an analysis on the demo cohort: the Minnesota comparison of the seed study', () => {
    expect(runCli(['demo'], { DATA_DIR: dataDir }).status).toBe(0);
    const run = runCli(['analysis', 'rate-comparison', '--ratetable', 'minnesota'], { DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ n: 75, observed: 7 });
    expect(answer.pvalue).toBeCloseTo(0.123661947478, 9); // R survdiff, shared expected.json
    const bad = runCli(['analysis', 'kaplan-meier', '--conf-level', '95'], { DATA_DIR: dataDir });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('confLevel: must be a number between 0 and 1');
  });

  it('fails with a message and a non-zero exit for an unknown patient', () => {
    const run = runCli(['events', 'NOBODY'], { DATA_DIR: dataDir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('patient NOBODY is not enrolled');
  });
});
