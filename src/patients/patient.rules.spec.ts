import fc from 'fast-check';
import type { PatientFacts } from './patient.facts';
import type { PatientFact } from './patient.events';
import { newViolations, newViolationsOfFact, violations, type Violation } from './patient.rules';

/** Facts with the fields the rules read (the rest of a payload does not matter to them). */
function factsOf(partial: Partial<Record<keyof PatientFacts, unknown>>): PatientFacts {
  return { enrolment: null, diagnoses: [], lesions: [], treatments: [], stops: [], responses: [], contacts: [], deaths: [], ...partial } as unknown as PatientFacts;
}

/**
 * The rules as a plain reading of their definition (sets and maps, no shortcuts): the oracle the
 * property test holds `violations` to, in content and in order.
 */
function reference(facts: PatientFacts): Violation[] {
  const found: Violation[] = [];
  const conflict = (message: string): Violation => ({ code: 'conflict', message });
  const broken = (message: string): Violation => ({ code: 'rule_violated', message });
  const birth = facts.enrolment?.birthDate;
  const death = facts.deaths[0]?.diedOn;
  const dated: [string, string][] = [
    ...facts.diagnoses.map((d): [string, string] => [d.diagnosedOn, `diagnosis ${d.diagnosisId}`]),
    ...facts.lesions.map((l): [string, string] => [l.onsetOn, `lesion ${l.lesionId} onset`]),
    ...facts.treatments.map((t): [string, string] => [t.startedOn, `treatment ${t.treatmentId} start`]),
    ...facts.stops.map((s): [string, string] => [s.stoppedOn, `treatment ${s.treatmentId} stop`]),
    ...facts.responses.map((r): [string, string] => [r.assessedOn, `response of treatment ${r.treatmentId}`]),
    ...facts.contacts.map((c): [string, string] => [c.seenOn, 'contact']),
  ];
  for (const [on, what] of dated) {
    if (birth && on < birth) found.push(broken(`${what} (${on}) is before birth (${birth})`));
    if (death && on > death) found.push(broken(`${what} (${on}) is after death (${death})`));
  }
  if (birth && death && death < birth) found.push(broken(`death (${death}) is before birth (${birth})`));
  if (facts.deaths.length > 1) found.push(conflict('a death is already recorded for this patient'));
  const repeated = (keys: string[]) => [...new Set(keys.filter((k, i) => keys.indexOf(k) < i))];
  for (const id of repeated(facts.diagnoses.map((d) => d.diagnosisId))) found.push(conflict(`diagnosis ${id} is already recorded`));
  for (const id of repeated(facts.lesions.map((l) => l.lesionId))) found.push(conflict(`lesion ${id} is already recorded`));
  for (const id of repeated(facts.treatments.map((t) => t.treatmentId))) found.push(conflict(`treatment ${id} is already recorded`));
  for (const on of repeated(facts.contacts.map((c) => c.seenOn))) found.push(conflict(`a contact on ${on} is already recorded`));
  for (const id of repeated(facts.stops.map((s) => s.treatmentId))) found.push(conflict(`treatment ${id} is already stopped`));
  const lesionIds = new Set(facts.lesions.map((l) => l.lesionId));
  const starts = new Map(facts.treatments.map((t) => [t.treatmentId, t.startedOn]));
  for (const t of facts.treatments) for (const id of t.lesionIds.filter((l) => !lesionIds.has(l))) found.push(broken(`treatment ${t.treatmentId} targets lesion ${id}, which is not recorded`));
  for (const s of facts.stops) {
    const start = starts.get(s.treatmentId);
    if (start === undefined) found.push(broken(`treatment ${s.treatmentId} is stopped but was never started`));
    else if (s.stoppedOn < start) found.push(broken(`treatment ${s.treatmentId} stop (${s.stoppedOn}) is before its start (${start})`));
  }
  for (const r of facts.responses) {
    const start = starts.get(r.treatmentId);
    if (start === undefined) found.push(broken(`treatment ${r.treatmentId} is graded but was never started`));
    else if (r.assessedOn < start) found.push(broken(`response of treatment ${r.treatmentId} (${r.assessedOn}) is before its start (${start})`));
  }
  return found;
}

describe('patient rules', () => {
  it('given a record that keeps every rule, then there is no violation', () => {
    const facts = factsOf({
      enrolment: { birthDate: '1950-01-01' },
      lesions: [{ lesionId: 'L1', onsetOn: '2000-01-01' }],
      treatments: [{ treatmentId: 'T1', startedOn: '2000-02-01', lesionIds: ['L1'] }],
      stops: [{ treatmentId: 'T1', stoppedOn: '2000-03-01' }],
      responses: [{ treatmentId: 'T1', assessedOn: '2000-03-01' }],
      contacts: [{ seenOn: '2000-01-01' }, { seenOn: '2000-01-02' }],
      deaths: [{ diedOn: '2001-01-01' }],
    });

    expect(violations(facts)).toEqual([]);
  });

  it('given a record that breaks each rule, then each violation is listed once, in the order of the rules', () => {
    const facts = factsOf({
      enrolment: { birthDate: '1950-01-01' },
      diagnoses: [{ diagnosisId: 'D1', diagnosedOn: '1940-01-01' }],
      lesions: [{ lesionId: 'L1', onsetOn: '2000-01-01' }],
      treatments: [{ treatmentId: 'T1', startedOn: '2000-02-01', lesionIds: ['L1', 'L9'] }],
      stops: [{ treatmentId: 'T1', stoppedOn: '2000-01-15' }, { treatmentId: 'T2', stoppedOn: '2000-03-01' }],
      responses: [{ treatmentId: 'T3', assessedOn: '2000-03-01' }],
      // three contacts on one day: one duplicate; the 18th contact is seen after death
      contacts: [...Array.from({ length: 17 }, (_, i) => ({ seenOn: `2000-01-${String(i + 1).padStart(2, '0')}` })), { seenOn: '2000-01-05' }, { seenOn: '2000-01-05' }, { seenOn: '2002-01-01' }],
      deaths: [{ diedOn: '2001-01-01' }],
    });

    expect(violations(facts).map((v) => `${v.code}: ${v.message}`)).toEqual([
      'rule_violated: diagnosis D1 (1940-01-01) is before birth (1950-01-01)',
      'rule_violated: contact (2002-01-01) is after death (2001-01-01)',
      'conflict: a contact on 2000-01-05 is already recorded',
      'rule_violated: treatment T1 targets lesion L9, which is not recorded',
      'rule_violated: treatment T1 stop (2000-01-15) is before its start (2000-02-01)',
      'rule_violated: treatment T2 is stopped but was never started',
      'rule_violated: treatment T3 is graded but was never started',
    ]);
  });

  it('given a record that already broke a rule, then only what a change adds is new', () => {
    const before = factsOf({ enrolment: { birthDate: '1950-01-01' }, contacts: [{ seenOn: '1940-01-01' }] });
    const after = factsOf({ enrolment: { birthDate: '1950-01-01' }, contacts: [{ seenOn: '1940-01-01' }, { seenOn: '1940-01-01' }] });

    expect(newViolations(before, after)).toEqual([{ code: 'conflict', message: 'a contact on 1940-01-01 is already recorded' }]);
  });

  const id = fc.constantFrom('A', 'B', 'C');
  const on = fc.constantFrom('1940-01-01', '1960-06-30', '2000-01-01', '2000-01-02', '2010-12-31');
  const list = <T>(item: fc.Arbitrary<T>, maxLength: number) => fc.array(item, { maxLength });

  it('given any facts, short lists and long, then the violations are those of the plain definition, in its order', () => {
    const facts = fc.record({
      enrolment: fc.option(fc.record({ birthDate: on }), { nil: null }),
      diagnoses: list(fc.record({ diagnosisId: id, diagnosedOn: on }), 4),
      lesions: list(fc.record({ lesionId: id, onsetOn: on }), 4),
      treatments: list(fc.record({ treatmentId: id, startedOn: on, lesionIds: list(id, 3) }), 5),
      stops: list(fc.record({ treatmentId: id, stoppedOn: on }), 4),
      responses: list(fc.record({ treatmentId: id, assessedOn: on }), 5),
      // past the 16 below which duplicates compares pairs, so both of its ways are held to the definition
      contacts: list(fc.record({ seenOn: on }), 24),
      deaths: list(fc.record({ diedOn: on }), 2),
    });

    fc.assert(
      fc.property(facts, (partial) => {
        const given = factsOf(partial);
        expect(violations(given)).toEqual(reference(given));
      }),
      { numRuns: 3000 },
    );
  });

  it('given any record, clean or not, and one new fact, then the new violations are those the plain definition finds new, in its order', () => {
    const before = fc.record({
      enrolment: fc.option(fc.record({ birthDate: on }), { nil: null }),
      diagnoses: list(fc.record({ diagnosisId: id, diagnosedOn: on }), 3),
      lesions: list(fc.record({ lesionId: id, onsetOn: on }), 3),
      treatments: list(fc.record({ treatmentId: id, startedOn: on, lesionIds: list(id, 2) }), 3),
      stops: list(fc.record({ treatmentId: id, stoppedOn: on }), 3),
      responses: list(fc.record({ treatmentId: id, assessedOn: on }), 3),
      contacts: list(fc.record({ seenOn: on }), 4),
      deaths: list(fc.record({ diedOn: on }), 2),
    });
    // the new fact and the list of the facts it joins
    const joining = (type: PatientFact['type'], list: keyof PatientFacts) => (data: object): [PatientFact, keyof PatientFacts] => [{ type, data } as PatientFact, list];
    const fact = fc.oneof(
      fc.record({ diagnosisId: id, diagnosedOn: on }).map(joining('DiagnosisRecorded', 'diagnoses')),
      fc.record({ lesionId: id, onsetOn: on }).map(joining('LesionOnsetRecorded', 'lesions')),
      fc.record({ treatmentId: id, startedOn: on, lesionIds: list(id, 2) }).map(joining('TreatmentStarted', 'treatments')),
      fc.record({ treatmentId: id, stoppedOn: on }).map(joining('TreatmentStopped', 'stops')),
      fc.record({ treatmentId: id, assessedOn: on }).map(joining('ResponseGraded', 'responses')),
      fc.record({ seenOn: on }).map(joining('ContactRecorded', 'contacts')),
      fc.record({ diedOn: on }).map(joining('DeathRecorded', 'deaths')),
    );

    fc.assert(
      fc.property(before, fact, (partial, [added, list]) => {
        const given = factsOf(partial);
        const after = factsOf({ ...partial, [list]: [...(partial[list] as unknown[]), added.data] });
        const known = new Set(reference(given).map((v) => v.message));

        expect(newViolationsOfFact(given, added, () => after)).toEqual(reference(after).filter((v) => !known.has(v.message)));
      }),
      { numRuns: 5000 },
    );
  });
});
