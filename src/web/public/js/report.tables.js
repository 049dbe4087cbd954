/**
 * The seed study's tables (GET /reports/cohort). The server rounds and labels them (report.render.ts is
 * the one place that does); the page takes its HTML form and rebuilds each table from the cells' text,
 * so no markup from the answer is ever inserted, and styles it like the rest of the UI.
 */
import { api } from './api.client.js';
import { h } from './dom.build.js';
import { cutQuery } from './timeCut.state.js';

/** @param {import('./timeCut.state.js').TimeCut} cut @param {AbortSignal} signal */
export async function reportTables(cut, signal) {
  const html = await api('GET', '/reports/cohort', { query: { ...cutQuery(cut), format: 'html' }, accept: 'text/html', signal });
  // the report page's own <style> would only trip the UI's content security policy: drop it unread
  const page = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, ''), 'text/html');
  return [...page.querySelectorAll('h2')].map((heading, index) => {
    const table = heading.nextElementSibling;
    const rowsOf = (/** @type {string} */ selector) => [...(table?.querySelectorAll(selector) ?? [])].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''));
    const [header = []] = rowsOf('thead tr');
    return h(
      'table',
      { class: 'data report-table', id: `report-table-${index + 1}` },
      h('caption', {}, heading.textContent ?? ''),
      h('thead', {}, h('tr', {}, header.map((text) => h('th', { scope: 'col' }, text)))),
      h(
        'tbody',
        {},
        rowsOf('tbody tr').map(([first, ...rest]) =>
          // the server indents subtypes with spaces; keep that as a class rather than as spaces
          h('tr', {}, h('th', { scope: 'row', class: /^\s/.test(first) ? 'sub' : null }, first.trim()), rest.map((text) => h('td', {}, text))),
        ),
      ),
    );
  });
}
