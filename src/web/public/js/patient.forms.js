/**
 * Data entry for one patient: a form per command of the patient endpoints (found in the OpenAPI
 * document, fields from its schemas), plus correction and retraction of a chosen fact. Every write sends
 * If-Match with the revision the page was opened at, so a concurrent change is refused, not overwritten.
 */
import { api } from './api.client.js';
import { commandForm } from './command.form.js';
import { fill, h } from './dom.build.js';
import { openApi, schemaNamed } from './openapi.schema.js';

/** The command that records each kind of fact: its schema is also the shape a correction may change. */
const FACT_PATHS = {
  enrolment: '/patients',
  diagnosis: '/patients/{id}/diagnoses',
  lesion: '/patients/{id}/lesions',
  treatment: '/patients/{id}/treatments',
  stop: '/patients/{id}/treatments/{treatmentId}/stop',
  response: '/patients/{id}/treatments/{treatmentId}/responses',
  contact: '/patients/{id}/contacts',
  death: '/patients/{id}/death',
};
const OWN_FORMS = ['/patients/{id}/corrections', '/patients/{id}/retractions'];
/** Identifiers and the authorization are never "corrected" (the server refuses; authorization has its own command). */
const NOT_CORRECTABLE = /(^|[a-z])Id$|^researchAuthorization$/;

/** @typedef {{patientId: string, revision: number, state: any, reload: () => void, announce: (text: string) => void}} PatientContext */

/** What was typed into a form refused as stale, kept across the reload of the patient (by form id). */
const drafts = new Map();

/** @param {PatientContext} context */
const keepDraftAndReload = (context) => (/** @type {HTMLFormElement} */ form) => {
  drafts.set(form.id, [...new FormData(form).entries()]);
  context.reload();
};

/** @param {HTMLFormElement} form @param {[string, FormDataEntryValue][]} entries */
function restore(form, entries) {
  for (const element of /** @type {HTMLInputElement[]} */ ([...form.elements])) {
    if (!element.name) continue;
    const values = entries.filter(([name]) => name === element.name).map(([, value]) => String(value));
    if (element.type === 'checkbox') element.checked = values.includes(element.value);
    else if (values.length) element.value = values[0];
  }
}

/** @param {any} op */
const schemaName = (op) => op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();

/** @param {PatientContext} context @param {string} path @param {Record<string, string>} [params] */
const send = (context, path, params = {}) => (/** @type {unknown} */ body) =>
  api('POST', path.replace('{id}', encodeURIComponent(context.patientId)).replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name] ?? '')), { body, ifMatch: context.revision });

/** @param {PatientContext} context */
const choicesOf = (context) => ({ lesionIds: context.state.lesions.map((/** @type {any} */ l) => /** @type {[string, string]} */ ([l.lesionId, `${l.lesionId} (${l.site.replace(/_/g, ' ')})`])) });

/** The "record a fact" forms, one <details> each. @param {PatientContext} context */
export async function entryForms(context) {
  const document = await openApi();
  const entries = Object.entries(document.paths).filter(([path, ops]) => path.startsWith('/patients/{id}/') && /** @type {any} */ (ops).post && !OWN_FORMS.includes(path));
  return Promise.all(
    entries.map(async ([path, ops]) => {
      const op = /** @type {any} */ (ops).post;
      const schema = await schemaNamed(schemaName(op));
      if (!schema) return null;
      const slug = path.replace('/patients/{id}/', '').replace(/[{}]/g, '').replace(/\W+/g, '-');
      const id = `form-${slug}`;
      const needsCourse = path.includes('{treatmentId}');
      const course = /** @type {HTMLSelectElement} */ (h('select', { id: `${id}-course`, name: 'treatmentId' }, context.state.treatments.map((/** @type {any} */ t) => h('option', { value: t.treatmentId }, `${t.treatmentId}: ${t.agent.replace(/_/g, ' ')} from ${t.startedOn}${t.stoppedOn ? ` to ${t.stoppedOn}` : ''}`))));
      const form = commandForm({
        id,
        schema,
        submitLabel: 'Save',
        choices: choicesOf(context),
        extra: needsCourse ? [h('div', { class: 'field' }, h('label', { for: `${id}-course` }, 'Course'), course)] : [],
        send: (body) => send(context, path, { treatmentId: course.value })(body),
        done: () => {
          context.announce(`Saved: ${op.summary ?? path}.`);
          context.reload();
        },
        reloadPatient: keepDraftAndReload(context),
      });
      const draft = drafts.get(id);
      drafts.delete(id);
      if (draft) restore(form, draft);
      return h('details', { class: 'entry', id: `entry-${slug}`, open: Boolean(draft) }, h('summary', {}, (op.summary ?? path).replace(/\s*\([A-Za-z]+\)$/, '')), form);
    }),
  );
}

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A dialog to correct a fact: its fields prefilled, only the changed ones sent, with a reason.
 * @param {PatientContext} context @param {import('./patient.facts.js').FactKind} kind @param {any} fact
 */
export async function openCorrection(context, kind, fact) {
  const document = await openApi();
  const factSchema = await schemaNamed(schemaName(document.paths[FACT_PATHS[kind]].post));
  const correction = await schemaNamed('CorrectEntryDto');
  if (!factSchema || !correction) return;
  const properties = Object.fromEntries(Object.entries(factSchema.properties).filter(([name]) => !NOT_CORRECTABLE.test(name)));
  factDialog(context, `Correct this ${kind}`, 'The earlier entry stays in the log; the correction is a new event with your reason.', `Corrected the ${kind}.`, {
    id: 'form-correction',
    schema: { properties: { ...properties, reason: correction.properties.reason }, required: ['reason'] },
    values: fact,
    choices: choicesOf(context),
    prefix: 'changes.',
    submitLabel: 'Save the correction',
    toBody: ({ reason, ...values }) => ({
      eventId: fact.eventId,
      changes: Object.fromEntries(Object.keys(properties).filter((name) => !same(values[name], fact[name])).map((name) => [name, values[name] ?? null])),
      reason,
    }),
    send: send(context, '/patients/{id}/corrections'),
  });
}

/** @param {PatientContext} context @param {import('./patient.facts.js').FactKind} kind @param {any} fact */
export async function openRetraction(context, kind, fact) {
  const retraction = await schemaNamed('RetractEntryDto');
  if (!retraction) return;
  factDialog(context, `Retract this ${kind}`, 'For an entry that should never have been recorded. It stays in the log and in the history, marked retracted.', `Retracted the ${kind}.`, {
    id: 'form-retraction',
    schema: retraction,
    omit: ['eventId'],
    submitLabel: `Retract the ${kind}`,
    toBody: (values) => ({ eventId: fact.eventId, ...values }),
    send: send(context, '/patients/{id}/retractions'),
  });
}

/**
 * A command about an existing fact, in a modal dialog. Saved or refused as stale, the dialog closes and
 * the patient reloads: the fact itself may be what changed, so the entry starts again from the new record.
 * @param {PatientContext} context @param {string} title @param {string} text @param {string} doneText
 * @param {Omit<import('./command.form.js').FormSpec, 'done' | 'reloadPatient'>} spec
 */
function factDialog(context, title, text, doneText, spec) {
  const closeAndReload = (/** @type {string | null} */ announcement) => {
    dialog.close();
    if (announcement) context.announce(announcement);
    context.reload();
  };
  const dialog = modal(title, text, commandForm({ ...spec, done: () => closeAndReload(doneText), reloadPatient: () => closeAndReload(null) }));
}

/** @param {string} title @param {string} text @param {HTMLElement} form */
function modal(title, text, form) {
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'modal', 'aria-labelledby': 'modal-title' }));
  fill(dialog, h('h2', { id: 'modal-title' }, title), h('p', { class: 'hint' }, text), form, h('button', { type: 'button', class: 'link-button', onclick: () => dialog.close() }, 'Cancel'));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
