/**
 * The shared reference cohort. shared/ sits beside the repository (../shared) on every machine,
 * CI included, so paths are resolved from the repository root (test/reference/fixtures.ts), never
 * hard-coded.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventStore } from '../../src/eventStore/eventStore.port';
import { bundleToCommands } from '../../src/import/bundle.commands';
import type { BundleFiles } from '../../src/import/bundle.parse';
import { readBundleFolder } from '../../src/import/bundle.source';
import type { PatientCommand } from '../../src/patients/patient.commands';
import { patientStreamId } from '../../src/patients/patient.events';
import { patientStream } from '../../src/patients/patient.stream';
import { handleCommand } from '../../src/shared/handleCommand';
import { sharedPath } from '../reference/fixtures';

export const SHARED_DIR = sharedPath();
export const MAYO_DIR = join(SHARED_DIR, 'cohorts', 'mayo-2012');

export const readMayoBundle = (): BundleFiles => readBundleFolder(MAYO_DIR);

/** Appends the whole mayo-2012 bundle, one append per patient, all recorded at `now`. */
export async function appendMayo(store: EventStore, now = '2012-01-01T00:00:00.000Z', newId: () => string = randomUUID): Promise<void> {
  for (const [patientId, commands] of bundleToCommands(readMayoBundle(), { now })) {
    const stamped = commands.map((c) => ({ ...c, metadata: { now, recordedBy: 'acceptance' } }) as PatientCommand);
    await handleCommand({ store, newId }, patientStream, patientStreamId(patientId), stamped, {
      recordedAt: now,
      recordedBy: 'acceptance',
      correlationId: 'mayo-2012',
      causationId: null,
    });
  }
}
