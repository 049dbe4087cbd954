/**
 * A patient as the page shows it: the current state (with its revision, for If-Match), the audit
 * history, and, at a past knowledge point, the state as the record stood then: the history's stateAfter
 * of the last event at or before the cut, so nothing about the past is recomputed here.
 */
import { api } from './api.client.js';

/**
 * @typedef {{reason: string, recordedAt: string, recordedBy: string, position: number, changes: {field: string, before: unknown, after: unknown}[]}} Correction
 * @typedef {{state: any | null, current: any, history: any[], corrections: Map<string, Correction[]>, retractions: Map<string, Correction>, shownPosition: number}} PatientRecord
 */

/** @param {string} patientId @param {import('./timeCut.state.js').TimeCut} cut @param {AbortSignal} signal @returns {Promise<PatientRecord>} */
export async function loadPatient(patientId, cut, signal) {
  const path = `/patients/${encodeURIComponent(patientId)}`;
  const [current, history, events] = await Promise.all([api('GET', path, { signal }), api('GET', `${path}/history`, { signal }), api('GET', `${path}/events`, { signal })]);
  const known = history.filter((/** @type {any} */ entry) => (cut.atPosition !== null ? entry.position <= cut.atPosition : cut.knownAt ? Date.parse(entry.recordedAt) <= Date.parse(cut.knownAt) : true));
  const last = known[known.length - 1];
  const targets = new Map(events.map((/** @type {any} */ e) => [e.eventId, e.data?.eventId]));
  /** @type {Map<string, Correction[]>} */
  const corrections = new Map();
  /** @type {Map<string, Correction>} */
  const retractions = new Map();
  for (const entry of known) {
    const target = targets.get(entry.eventId);
    const note = { reason: entry.reason, recordedAt: entry.recordedAt, recordedBy: entry.recordedBy, position: entry.position, changes: entry.changes };
    if (entry.type === 'EntryCorrected') corrections.set(target, [...(corrections.get(target) ?? []), note]);
    if (entry.type === 'EntryRetracted') retractions.set(target, note);
  }
  return { state: last ? last.stateAfter : null, current, history: known, corrections, retractions, shownPosition: last?.position ?? 0 };
}

/** Every fact of a state with its kind and clinical date, in date order. @param {any} state */
export function factsOf(state) {
  if (!state) return [];
  const facts = [
    ...state.diagnoses.map((/** @type {any} */ d) => ({ kind: 'diagnosis', date: d.diagnosedOn, fact: d })),
    ...state.lesions.map((/** @type {any} */ l) => ({ kind: 'lesion', date: l.onsetOn, fact: l })),
    ...state.treatments.flatMap((/** @type {any} */ t) => [
      { kind: 'treatment', date: t.startedOn, fact: t },
      ...(t.stoppedOn ? [{ kind: 'stop', date: t.stoppedOn, fact: { eventId: t.stopEventId, treatmentId: t.treatmentId, stoppedOn: t.stoppedOn, reason: t.stopReason, corrections: 0 } }] : []),
      ...t.responses.map((/** @type {any} */ r) => ({ kind: 'response', date: r.assessedOn, fact: r })),
    ]),
    ...state.contacts.map((/** @type {any} */ c) => ({ kind: 'contact', date: c.seenOn, fact: c })),
    ...(state.death ? [{ kind: 'death', date: state.death.diedOn, fact: state.death }] : []),
  ];
  return facts.sort((a, b) => a.date.localeCompare(b.date));
}
