/**
 * One patient: the timeline, the facts with their corrections, data entry and the history, at the point
 * in time of the URL. In the past the page is read-only: writing always applies to the record as it
 * stands now, at the revision the page was opened at.
 */
import { ApiError } from './api.client.js';
import { fill, h } from './dom.build.js';
import { historyTable } from './history.list.js';
import { schemaNamed } from './openapi.schema.js';
import { factTables } from './patient.facts.js';
import { entryForms, openCorrection, openRetraction } from './patient.forms.js';
import { loadPatient } from './patient.record.js';
import { can } from './session.state.js';
import { isPresent } from './timeCut.state.js';
import { drawTimeline } from './timeline.swimlane.js';

/** @param {HTMLElement} main @param {string} patientId @param {import('./app.main.js').PageContext} context */
export async function renderPatient(main, patientId, { cut, signal, refresh, announce }) {
  const heading = h('h1', { tabindex: -1 }, `Patient ${patientId}`);
  fill(main, h('p', { class: 'breadcrumb' }, h('a', { href: '#/patients' }, '← Patients')), heading, h('p', { class: 'loading' }, 'Loading the patient…'));
  let record;
  try {
    record = await loadPatient(patientId, cut, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return void main.append(h('p', { class: 'note', role: 'alert' }, `There is no patient ${patientId} in the record.`));
    if (error instanceof ApiError && error.status === 403) return void main.append(h('p', { class: 'note', role: 'alert' }, 'Patient records need the recorder or auditor role.'));
    throw error;
  }
  const { state, current, history, corrections } = record;
  const present = isPresent(cut);
  const editable = present && can('recorder');
  const later = current.revision + 1 - history.length;
  const breadcrumb = /** @type {HTMLElement} */ (main.firstChild);
  if (!state) {
    fill(main, breadcrumb, heading, h('p', { class: 'note', id: 'not-yet' }, `At this point in time patient ${patientId} was not yet in the record: the enrolment was recorded later.`));
    return;
  }
  const sites = (await schemaNamed('RecordLesionOnsetDto'))?.properties.site.enum ?? ['hands_feet', 'extremity', 'trunk', 'head'];
  const context = { patientId, revision: current.revision, state: current, reload: refresh, announce };
  const timeline = drawTimeline(state, { sites, asOf: cut.asOf, today: new Date().toISOString().slice(0, 10), corrected: (id) => corrections.get(id)?.map((c) => c.reason).join('; ') ?? null });
  fill(
    main,
    breadcrumb,
    heading,
    h('p', { class: 'summary', id: 'patient-summary' }, `${state.sex}, born ${state.birthDate ?? '(erased)'}; research authorization ${state.researchAuthorization}; treatment history ${state.treatmentHistory}. `, present ? `Revision ${current.revision}.` : `Shown as of log position ${record.shownPosition}; ${later} later event${later === 1 ? '' : 's'} left out.`),
    present ? null : h('p', { class: 'note' }, 'This is the record as it stood at an earlier point, so it cannot be changed here: choose "Now" under "Record as known" to enter data.'),
    cut.asOf ? h('p', { class: 'note' }, `Facts dated after ${cut.asOf} are faded in the timeline and the tables.`) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'), h('div', { class: 'figure-scroll' }, timeline), timelineKey()),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'facts-heading' },
      h('h2', { id: 'facts-heading' }, 'Facts'),
      factTables(state, { corrections, asOf: cut.asOf, editable, onCorrect: (kind, fact) => openCorrection(context, kind, fact), onRetract: (kind, fact) => openRetraction(context, kind, fact) }),
    ),
    editable ? h('section', { class: 'panel', 'aria-labelledby': 'entry-heading', id: 'data-entry' }, h('h2', { id: 'entry-heading' }, 'Record a new fact'), h('p', { class: 'hint' }, `Saved against revision ${current.revision}: if someone else records something first, you are told and nothing is overwritten.`), await entryForms(context)) : null,
    can('recorder', 'auditor') ? h('section', { class: 'panel', 'aria-labelledby': 'history-heading' }, h('h2', { id: 'history-heading' }, 'History'), historyTable(history)) : null,
  );
}

function timelineKey() {
  return h(
    'p',
    { class: 'hint timeline-key' },
    'Key: ◆ diagnosis (orange: calcinosis cutis), ● lesion onset (black edge: ulcerated), bars: treatment courses (blue: calcinosis, pink: ACTD; pale with an arrow: not stopped) with graded responses C complete, P partial, N none, ? unknown; | contact; ✕ death; dashed orange ring: corrected (hover for the reason).',
  );
}
