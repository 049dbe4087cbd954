/**
 * The cohort at a glance, at the point in time of the URL: counts, the survival figure and the seed
 * study's tables. An empty store offers to load the synthetic demo cohort instead.
 */
import { api, ApiError } from './api.client.js';
import { fill, h } from './dom.build.js';
import { renderSurvival } from './km.panel.js';
import { reportTables } from './report.tables.js';
import { can } from './session.state.js';
import { cutQuery, isPresent } from './timeCut.state.js';

/** @param {string} label @param {string | number} value @param {string} [id] */
const card = (label, value, id) => h('div', { class: 'card' }, h('span', { class: 'card-value', id }, String(value)), h('span', { class: 'card-label' }, label));

/** @param {unknown} error */
const reason = (error) => (error instanceof ApiError ? (error.status === 403 ? 'needs the analyst or recorder role' : error.message) : String(error));

/** @param {HTMLElement} main @param {import('./app.main.js').PageContext} context */
export async function renderDashboard(main, { cut, signal, refresh, announce }) {
  const heading = h('h1', { tabindex: -1 }, 'Cohort');
  fill(main, heading, h('p', { class: 'loading' }, 'Loading the cohort…'));
  const [patients, report] = await Promise.all([
    can('recorder', 'auditor') ? api('GET', '/patients', { query: { limit: 1 }, signal }) : null,
    can('analyst', 'recorder') ? api('GET', '/reports/cohort', { query: cutQuery(cut), signal }).catch((e) => ({ error: reason(e) })) : null,
  ]);
  if (patients && patients.total === 0 && isPresent(cut)) return renderEmpty(main, heading, refresh, announce);

  const cards = h(
    'div',
    { class: 'cards', id: 'counts' },
    patients ? card('patients in the record now', patients.total, 'count-patients') : null,
    report && !report.error ? [card('in the analysis set', report.analysed, 'count-analysed'), card('deaths during follow-up', report.deaths.n, 'count-deaths'), card('median follow-up, months', report.followUp.all ? report.followUp.all.median.toFixed(1) : '–')] : null,
  );
  const survival = h('section', { class: 'panel', 'aria-labelledby': 'survival-heading', id: 'survival' });
  const tables = h('section', { class: 'panel', 'aria-labelledby': 'tables-heading', id: 'tables' }, h('h2', { id: 'tables-heading' }, "The seed study's tables"));
  fill(main, heading, cards, survival, tables);

  await Promise.all([
    renderSurvival(survival, cut, signal),
    report && !report.error
      ? reportTables(cut, signal).then((list) => tables.append(...list))
      : tables.append(h('p', { class: 'note' }, `The tables are not available: ${report?.error ?? 'they need the analyst or recorder role'}.`)),
  ]);
}

/** @param {HTMLElement} main @param {HTMLElement} heading @param {() => void} refresh @param {(text: string) => void} announce */
function renderEmpty(main, heading, refresh, announce) {
  const status = h('p', { role: 'status', id: 'demo-status' });
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'primary', id: 'load-demo' }, 'Load the synthetic demo cohort (81 patients)'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(status, 'Loading the demo cohort…');
    try {
      const answer = await api('POST', '/demo');
      announce(`Loaded the demo cohort: ${answer.patients} patients, ${answer.eventsAppended} events.`);
      refresh();
    } catch (error) {
      button.disabled = false;
      fill(status, `The demo cohort could not be loaded: ${reason(error)}`);
    }
  });
  fill(
    main,
    heading,
    h(
      'section',
      { class: 'panel empty-state', id: 'empty-state' },
      h('h2', {}, 'No patients yet'),
      h('p', {}, 'The record is empty. Enrol a patient on the Patients page, import a bundle through the API, or load the synthetic cohort that reproduces the Mayo Clinic 2012 study (loading it twice changes nothing).'),
      can('recorder') ? button : h('p', { class: 'note' }, 'Loading the demo cohort needs the recorder role.'),
      status,
    ),
  );
}
