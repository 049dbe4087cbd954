/**
 * The audit history of one patient (GET /patients/:id/history): every event in log order, in words,
 * with who recorded it and when, the reason, and each corrected field before and after.
 */
import { h } from './dom.build.js';

/** @param {unknown} v */
const show = (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

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
          h('td', {}, entry.position),
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
