/**
 * The patient's facts as tables, one per kind, each fact with its corrections and their reasons; for a
 * recorder looking at the present, buttons to correct or retract it.
 */
import { h } from './dom.build.js';

/** @typedef {'enrolment' | 'diagnosis' | 'lesion' | 'treatment' | 'stop' | 'response' | 'contact' | 'death'} FactKind */

/** @param {unknown} v */
const show = (v) => (v === null || v === undefined ? '–' : Array.isArray(v) ? v.join(', ') || '–' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v).replace(/_/g, ' '));

/** @type {Record<string, {title: string, kind: FactKind, date: (f: any) => string, columns: [string, (f: any) => unknown][]}>} */
const KINDS = {
  diagnoses: { title: 'Diagnoses', kind: 'diagnosis', date: (f) => f.diagnosedOn, columns: [['Id', (f) => f.diagnosisId], ['Condition', (f) => f.condition], ['Subtype', (f) => f.subtype], ['Components', (f) => f.components], ['Diagnosed on', (f) => f.diagnosedOn], ['Confirmed by', (f) => f.confirmedBy]] },
  lesions: { title: 'Lesions', kind: 'lesion', date: (f) => f.onsetOn, columns: [['Id', (f) => f.lesionId], ['Site', (f) => f.site], ['Onset on', (f) => f.onsetOn], ['Ulcerated', (f) => f.ulcerated], ['Painful', (f) => f.painful]] },
  treatments: { title: 'Treatment courses', kind: 'treatment', date: (f) => f.startedOn, columns: [['Id', (f) => f.treatmentId], ['Agent', (f) => f.agent], ['Indication', (f) => f.indication], ['Category', (f) => f.category], ['Dose', (f) => (f.dose === null ? null : `${f.dose} ${f.doseUnit ?? ''}`)], ['Started on', (f) => f.startedOn], ['Stopped on', (f) => f.stoppedOn], ['Responses', (f) => f.responses.map((/** @type {any} */ r) => `${r.grade} (${r.assessedOn})`)]] },
  contacts: { title: 'Contacts', kind: 'contact', date: (f) => f.seenOn, columns: [['Seen on', (f) => f.seenOn]] },
};

/**
 * @param {any} state
 * @param {{corrections: Map<string, import('./patient.record.js').Correction[]>, asOf: string | null, editable: boolean, onCorrect: (kind: FactKind, fact: any) => void, onRetract: (kind: FactKind, fact: any) => void}} options
 */
export function factTables(state, { corrections, asOf, editable, onCorrect, onRetract }) {
  /** @param {FactKind} kind @param {any} fact */
  const notes = (kind, fact) => {
    const list = corrections.get(fact.eventId) ?? [];
    return [
      list.map((c) => h('p', { class: 'correction' }, h('strong', {}, 'Corrected'), ` ${c.recordedAt.slice(0, 10)} by ${c.recordedBy}: `, c.changes.map((ch) => `${ch.field} ${show(ch.before)} → ${show(ch.after)}`).join('; '), `. Reason: ${c.reason}`)),
      editable
        ? h(
            'span',
            { class: 'row-actions' },
            h('button', { type: 'button', class: 'small', onclick: () => onCorrect(kind, fact), 'aria-label': `Correct ${kind} ${fact.lesionId ?? fact.diagnosisId ?? fact.treatmentId ?? fact.seenOn ?? ''}` }, 'Correct…'),
            kind === 'enrolment' ? null : h('button', { type: 'button', class: 'small', onclick: () => onRetract(kind, fact), 'aria-label': `Retract ${kind} ${fact.lesionId ?? fact.diagnosisId ?? fact.treatmentId ?? fact.seenOn ?? ''}` }, 'Retract…'),
          )
        : null,
    ];
  };
  /** @param {any} fact @param {string} date */
  const rowClass = (fact, date) => [corrections.has(fact.eventId) ? 'corrected' : '', asOf && date > asOf ? 'after-asof' : ''].join(' ').trim() || null;
  const tables = Object.entries(KINDS).map(([key, { title, kind, date, columns }]) =>
    h(
      'table',
      { class: 'data facts', id: `facts-${key}` },
      h('caption', {}, `${title} (${state[key].length})`),
      h('thead', {}, h('tr', {}, columns.map(([name]) => h('th', { scope: 'col' }, name)), h('th', { scope: 'col' }, 'Corrections'))),
      h('tbody', {}, state[key].map((/** @type {any} */ fact) => h('tr', { class: rowClass(fact, date(fact)) }, columns.map(([, value]) => h('td', {}, show(value(fact)))), h('td', { class: 'fact-notes' }, notes(kind, fact))))),
    ),
  );
  const death = state.death ? h('div', { id: 'fact-death', class: 'fact-death' }, h('p', {}, `Died on ${state.death.diedOn}${state.death.cause ? ` (${state.death.cause})` : ''}.`), notes('death', state.death)) : null;
  return [...tables, death];
}
