/**
 * A deterministic synthetic Cohort CSV bundle of any size (same count and seed, same bytes), for
 * benchmarks and trials at registry scale (`npm run cli -- generate`). Every record keeps the write
 * side's rules (dates after birth, before death and before the data freeze; stops after starts; one
 * contact a day), so the whole bundle imports cleanly. SYNTHETIC: no row describes a real person.
 * It lives in src/ (not bench/) because the CLI runs it from dist/src.
 */
import { mulberry32 } from './mulberry32';
import { writeBundle } from '../export/bundle.write';
import type { BundleFiles } from '../import/bundle.parse';
import type { PatientFacts } from '../patients/patient.facts';
import { ACTD_SUBTYPES, CALCINOSIS_AGENTS, CONFIRMATIONS, SITES } from '../patients/patient.vocabulary';
import { fromEpochDay, toEpochDay } from '../shared/dates';

const FREEZE = toEpochDay('2011-06-30');
const YEAR = 365;
const ACTD_AGENTS = ['prednisone', 'hydroxychloroquine', 'methotrexate', 'azathioprine', 'mycophenolate', 'cyclophosphamide', 'ivig', 'rituximab'];
const SURGICAL = ['excision', 'low_frequency_ultrasound'];
const GRADES = ['complete', 'partial', 'none', 'unknown'] as const;
const COMPONENTS: Record<string, string[]> = { overlap_ctd: ['sle', 'systemic_sclerosis'], undifferentiated_ctd: ['dermatomyositis'] };

/** Seeded draws for synthetic values (mulberry32). */
function random(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return { next, int, pick };
}

type Rng = ReturnType<typeof random>;

function patient(index: number, rng: Rng): PatientFacts {
  const eventId = '';
  const patientId = `G-${String(index).padStart(7, '0')}`;
  const birth = rng.int(toEpochDay('1920-01-01'), toEpochDay('1985-12-31'));
  const actdOn = Math.min(birth + rng.int(8 * YEAR, 45 * YEAR), FREEZE - 6 * YEAR);
  const calcinosisOn = Math.min(actdOn + rng.int(0, 12 * YEAR), FREEZE - 2 * YEAR);
  const condition = rng.pick(Object.keys(ACTD_SUBTYPES)) as keyof typeof ACTD_SUBTYPES;
  const subtypes: readonly string[] = ACTD_SUBTYPES[condition];
  const diagnosis = (diagnosisId: string, on: number, c: string, subtype: string | null, components: string[]) => ({
    eventId, diagnosisId, condition: c, subtype, components, diagnosedOn: fromEpochDay(on),
    confirmedBy: [...new Set([rng.pick(CONFIRMATIONS), rng.pick(CONFIRMATIONS)])],
  });
  const lesions = Array.from({ length: rng.int(1, 4) }, (_, i) => ({
    eventId, lesionId: `L${i + 1}`, site: rng.pick(SITES), onsetOn: fromEpochDay(Math.max(birth + 1, calcinosisOn - rng.int(0, 700))),
    ulcerated: rng.pick([true, false, null]), painful: rng.pick([true, false, null]),
  }));
  const treatments: PatientFacts['treatments'] = [];
  const stops: PatientFacts['stops'] = [];
  const responses: PatientFacts['responses'] = [];
  for (let i = 1; i <= rng.int(0, 5); i++) {
    const start = rng.int(calcinosisOn, FREEZE - 30);
    const calcinosis = rng.next() < 0.6;
    const agent = calcinosis ? rng.pick(CALCINOSIS_AGENTS) : rng.pick(ACTD_AGENTS);
    const surgical = calcinosis && SURGICAL.includes(agent);
    const treatmentId = `T${i}`;
    treatments.push({
      eventId, treatmentId, indication: calcinosis ? 'calcinosis' : 'actd', agent, category: surgical ? 'surgical' : 'medical',
      dose: surgical ? null : rng.int(1, 400), doseUnit: surgical ? null : 'mg/d', startedOn: fromEpochDay(start), lesionIds: rng.next() < 0.5 ? ['L1'] : [],
    });
    if (surgical || rng.next() < 0.75) stops.push({ eventId, treatmentId, stoppedOn: fromEpochDay(surgical ? start : rng.int(start, Math.min(start + 1000, FREEZE))), reason: null });
    if (!calcinosis) continue;
    const graded = new Set(Array.from({ length: rng.int(0, 2) }, () => rng.int(start + 1, FREEZE)));
    for (const on of graded) responses.push({ eventId, treatmentId, assessedOn: fromEpochDay(on), grade: rng.pick(GRADES) });
  }
  const contactDays = [...new Set(Array.from({ length: rng.int(3, 20) }, () => rng.int(calcinosisOn + 1, FREEZE)))];
  const last = Math.max(...contactDays, ...responses.map((r) => toEpochDay(r.assessedOn)), ...stops.map((s) => toEpochDay(s.stoppedOn)), ...treatments.map((t) => toEpochDay(t.startedOn)), ...lesions.map((l) => toEpochDay(l.onsetOn)));
  const diedOn = rng.next() < 0.1 && last < FREEZE ? rng.int(last + 1, FREEZE) : null;
  return {
    enrolment: { eventId, patientId, sex: rng.pick(['female', 'male'] as const), birthDate: fromEpochDay(birth),
      researchAuthorization: rng.next() < 0.97 ? 'granted' : 'denied', treatmentHistory: rng.next() < 0.99 ? 'documented' : 'unknown' },
    diagnoses: [
      diagnosis('D1', actdOn, condition, subtypes.length ? rng.pick(subtypes) : null, COMPONENTS[condition] ?? []),
      diagnosis('D2', calcinosisOn, 'calcinosis_cutis', 'dystrophic', []),
    ],
    lesions, treatments, stops, responses,
    contacts: contactDays.map((day) => ({ eventId, seenOn: fromEpochDay(day) })),
    deaths: diedOn === null ? [] : [{ eventId, diedOn: fromEpochDay(diedOn), cause: rng.next() < 0.3 ? 'pneumonia, unspecified' : null }],
  } as PatientFacts;
}

/** `onProgress` hears the number of patients made so far, every 1,000 and at the end. */
export function generatePatients(count: number, seed = 2012, onProgress?: (done: number) => void): PatientFacts[] {
  const rng = random(seed);
  const patients: PatientFacts[] = [];
  for (let i = 1; i <= count; i++) {
    patients.push(patient(i, rng));
    if (onProgress && (i % 1000 === 0 || i === count)) onProgress(i);
  }
  return patients;
}

export const generateBundle = (count: number, seed = 2012, onProgress?: (done: number) => void): BundleFiles => writeBundle(generatePatients(count, seed, onProgress));
