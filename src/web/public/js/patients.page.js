/**
 * The patient list, a page at a time (the server pages it, so 100,000 patients cost the same as 50),
 * a way to open a patient by id, and enrolment of a new patient.
 */
import { api, ApiError } from './api.client.js';
import { commandForm } from './command.form.js';
import { fill, h } from './dom.build.js';
import { bodySchema } from './openapi.schema.js';
import { can } from './session.state.js';
import { currentView, navigate, pageHref } from './url.state.js';

const SIZES = [25, 50, 100, 200];

/** @param {HTMLElement} main @param {import('./app.main.js').PageContext} context */
export async function renderPatients(main, { signal, announce }) {
  const { options } = currentView();
  const limit = SIZES.includes(Number(options.limit)) ? Number(options.limit) : 50;
  const offset = Math.max(0, Math.floor(Number(options.offset) || 0));
  const heading = h('h1', { tabindex: -1 }, 'Patients');
  fill(main, heading, h('p', { class: 'loading' }, 'Loading patients…'));
  let page;
  try {
    page = await api('GET', '/patients', { query: { offset, limit }, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return void main.append(h('p', { class: 'note', role: 'alert' }, 'The patient list needs the recorder or auditor role.'));
    throw error;
  }
  const first = page.total === 0 ? 0 : offset + 1;
  const lastShown = Math.min(offset + limit, page.total);
  const sizeSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'page-size' }, SIZES.map((n) => h('option', { value: n, selected: n === limit }, `${n} a page`))));
  sizeSelect.addEventListener('change', () => navigate({ path: '/patients', options: { offset: 0, limit: sizeSelect.value } }));
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages of patients' },
    offset > 0 ? h('a', { href: pageHref('/patients', { offset: Math.max(0, offset - limit), limit }), rel: 'prev' }, '← Previous') : h('span', { class: 'disabled' }, '← Previous'),
    h('span', { id: 'page-range' }, `${first}–${lastShown} of ${page.total.toLocaleString('en-US')}`),
    lastShown < page.total ? h('a', { href: pageHref('/patients', { offset: offset + limit, limit }), rel: 'next' }, 'Next →') : h('span', { class: 'disabled' }, 'Next →'),
    h('label', { for: 'page-size', class: 'visually-hidden' }, 'Patients per page'),
    sizeSelect,
  );
  const table = h(
    'table',
    { class: 'data text', id: 'patient-list' },
    h('caption', { class: 'visually-hidden' }, 'Patients in order of enrolment, as the record stands now'),
    h('thead', {}, h('tr', {}, ['Patient', 'Sex', 'Born', 'Research authorization', 'Died', 'Revision', 'Last recorded (UTC)'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      page.items.map((/** @type {any} */ p) =>
        h('tr', {}, h('th', { scope: 'row' }, h('a', { href: pageHref(`/patients/${encodeURIComponent(p.patientId)}`) }, p.patientId)), h('td', {}, p.sex), h('td', {}, p.birthDate ?? '(erased)'), h('td', {}, p.researchAuthorization), h('td', {}, p.died ? 'yes' : 'no'), h('td', {}, p.revision), h('td', {}, p.lastRecordedAt.replace('T', ' ').replace(/\.\d+Z$/, ''))),
      ),
    ),
  );
  fill(main, heading, h('p', { class: 'hint' }, 'The list shows the record as it stands now; open a patient to see it at another point in time.'), openById(), can('recorder') ? await enrolment(announce) : null, pager, table);
}

function openById() {
  const input = /** @type {HTMLInputElement} */ (h('input', { id: 'open-id', name: 'patientId', autocomplete: 'off', placeholder: 'e.g. MCC-1078' }));
  const form = h('form', { class: 'inline-form', role: 'search' }, h('label', { for: 'open-id' }, 'Open patient by id'), ' ', input, ' ', h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) navigate({ path: `/patients/${encodeURIComponent(input.value.trim())}` });
  });
  return form;
}

/** @param {(text: string) => void} announce */
async function enrolment(announce) {
  const schema = await bodySchema('POST', '/patients');
  if (!schema) return null;
  const form = commandForm({
    id: 'form-enrol',
    schema,
    submitLabel: 'Enrol',
    send: (body) => api('POST', '/patients', { body }),
    done: (answer) => {
      announce(`Enrolled patient ${answer.patientId}.`);
      navigate({ path: `/patients/${encodeURIComponent(answer.patientId)}` });
    },
  });
  return h('details', { class: 'entry panel', id: 'enrol' }, h('summary', {}, 'Enrol a new patient'), form);
}
