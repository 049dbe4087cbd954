/**
 * The audit history of one patient (GET /patients/:id/history): every event in log order, in words,
 * with who recorded it and when, the reason, and each corrected field before and after. Each position
 * links to the record as it stood right after that event.
 */
import { h } from './dom.build.js';
import { currentView, navigate } from './url.state.js';

/** @param {unknown} v */
const show = (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The same page at the knowledge point right after an event. @param {number} position */
function travelTo(position) {
  const link = h('a', { href: `?atPosition=${position}${location.hash}`, title: 'Show the record as it stood right after this event' }, String(position));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const { asOf } = currentView().time;
    navigate({ time: { asOf, atPosition: position } });
  });
  return link;
}

/** @param {any[]} history  entries up to the knowledge point shown */
export function historyTable(history) {
  return h(
    'table',
    { class: 'data history', id: 'history' },
    h('caption', {}, `History: ${history.length} events, oldest first`),
    h('thead', {}, h('tr', {}, ['Position', 'Recorded at (UTC)', 'By', 'What', 'Reason', 'Changes'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      history.map((entry) =>
        h(
          'tr',
          { class: entry.type === 'EntryCorrected' || entry.type === 'EntryRetracted' ? 'amendment' : null },
          h('td', {}, travelTo(entry.position)),
          h('td', {}, entry.recordedAt.replace('T', ' ').replace(/\.\d+Z$/, '')),
          h('td', {}, entry.recordedBy),
          h('td', {}, entry.description),
          h('td', {}, entry.reason ?? ''),
          h('td', {}, entry.changes.length ? h('ul', { class: 'changes' }, entry.changes.map((/** @type {any} */ c) => h('li', {}, `${c.field}: ${show(c.before)} → ${show(c.after)}`))) : ''),
        ),
      ),
    ),
  );
}
