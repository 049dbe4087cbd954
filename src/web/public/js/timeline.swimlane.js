/**
 * One patient's life in the record as swimlanes on a calendar axis: diagnoses, lesion onsets (a lane
 * per site), treatment courses as bars from start to stop (open-ended while running) with their graded
 * responses, contacts and death. Corrected facts carry a ring; facts dated after asOf are faded.
 */
import { s } from './dom.build.js';
import { linear, niceTicks } from './plot.scale.js';

const W = 900;
const LEFT = 150;
const RIGHT = 20;
const LANE = 30;
const FONT = { 'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', 'font-size': 11, fill: '#1a1a1a' };
const GRADE = { complete: ['C', '#1b7837'], partial: ['P', '#5aae61'], none: ['N', '#b2182b'], unknown: ['?', '#6b6b6b'] };
const INDICATION_COLOUR = { calcinosis: '#0072B2', actd: '#CC79A7' };

/** A date as a fractional year, the axis unit. @param {string} date */
const yearOf = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return d.getUTCFullYear() + (d.getTime() - start) / (Date.UTC(d.getUTCFullYear() + 1, 0, 1) - start);
};

/** Greedy packing into rows so that nothing overlaps, in pixels: each item ends where its label ends. @param {{from: number, to: number}[]} items */
function pack(items) {
  /** @type {number[]} */
  const rowEnds = [];
  return items.map((item) => {
    let row = rowEnds.findIndex((end) => end < item.from);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = item.to + 8;
    return row;
  });
}

/** Width of a label in the 11 px font, near enough for packing. @param {string} text */
const labelWidth = (text) => 10 + text.length * 6.2;

/**
 * @param {any} state  the patient view
 * @param {{sites: string[], asOf: string | null, corrected: (eventId: string) => string | null, today: string}} options
 * @returns {SVGSVGElement}
 */
export function drawTimeline(state, { sites, asOf, corrected, today }) {
  const treatments = [...state.treatments].sort((a, b) => a.startedOn.localeCompare(b.startedOn));
  const dates = [
    ...state.diagnoses.map((/** @type {any} */ d) => d.diagnosedOn),
    ...state.lesions.map((/** @type {any} */ l) => l.onsetOn),
    ...treatments.flatMap((t) => [t.startedOn, t.stoppedOn ?? t.startedOn]),
    ...state.contacts.map((/** @type {any} */ c) => c.seenOn),
    ...(state.death ? [state.death.diedOn] : []),
    ...(asOf ? [asOf] : []),
  ].map(yearOf);
  const first = Math.floor(Math.min(...dates, yearOf(today)) - 0.5);
  const openEnd = state.death ? yearOf(state.death.diedOn) : Math.max(...dates, first + 1);
  const last = Math.ceil(Math.max(...dates, first + 1) + 1.5);
  const { ticks } = niceTicks(last - first, 8);
  const x = linear(first, last, LEFT, W - RIGHT);
  const barRows = pack(treatments.map((t) => ({ from: x(yearOf(t.startedOn)), to: x(t.stoppedOn ? yearOf(t.stoppedOn) : openEnd) + 8 + labelWidth(t.agent) })));
  const treatmentRows = Math.max(1, ...barRows.map((r) => r + 1));
  const diagnosisRows = pack(state.diagnoses.map((/** @type {any} */ d) => ({ from: x(yearOf(d.diagnosedOn)) - 7, to: x(yearOf(d.diagnosedOn)) + labelWidth(d.condition) })));
  const lanes = [['Diagnoses', Math.max(1, ...diagnosisRows.map((r) => r + 1))], ...sites.map((site) => [`Lesions: ${site.replace(/_/g, '/')}`, 1]), ['Treatments', treatmentRows], ['Contacts', 1], ['Death', 1]];
  /** @type {Record<string, number>} */
  const laneTop = {};
  let top = 24;
  for (const [name, rows] of lanes) {
    laneTop[name] = top;
    top += LANE * Number(rows);
  }
  const height = top + 36;
  const after = (/** @type {string} */ date) => Boolean(asOf && date > asOf);
  const faded = (/** @type {string} */ date) => (after(date) ? { opacity: 0.3 } : {});
  const ring = (/** @type {string} */ eventId, /** @type {number} */ cx, /** @type {number} */ cy) =>
    corrected(eventId) ? s('circle', { class: 'corrected-ring', cx, cy, r: 9, fill: 'none', stroke: '#E69F00', 'stroke-width': 2, 'stroke-dasharray': '3 2' }) : null;
  const title = (/** @type {string} */ text, /** @type {string} */ eventId) => s('title', {}, `${text}${corrected(eventId) ? ` (corrected: ${corrected(eventId)})` : ''}`);
  const mid = (/** @type {string} */ lane, row = 0) => laneTop[lane] + LANE * row + LANE / 2;

  const background = lanes.map(([name, rows], i) => [
    s('rect', { x: 0, y: laneTop[name], width: W, height: LANE * Number(rows), fill: i % 2 ? '#ffffff' : '#f4f6f8' }),
    s('text', { ...FONT, x: 8, y: laneTop[name] + 19, 'font-weight': 'bold' }, String(name)),
  ]);
  const axis = ticks.map((t) => [
    s('line', { x1: x(first + t), x2: x(first + t), y1: 20, y2: top, stroke: '#d9d9d9' }),
    s('text', { ...FONT, x: x(first + t), y: 14, 'text-anchor': 'middle' }, String(first + t)),
    s('text', { ...FONT, x: x(first + t), y: top + 16, 'text-anchor': 'middle' }, String(first + t)),
  ]);
  const diagnoses = state.diagnoses.map((/** @type {any} */ d, /** @type {number} */ i) => {
    const cx = x(yearOf(d.diagnosedOn));
    const cy = mid('Diagnoses', diagnosisRows[i]);
    return s('g', { class: 'tl-diagnosis', 'data-event-id': d.eventId, ...faded(d.diagnosedOn) }, title(`Diagnosis ${d.diagnosisId}: ${d.condition}${d.subtype ? ` (${d.subtype})` : ''} on ${d.diagnosedOn}`, d.eventId), s('rect', { x: cx - 6, y: cy - 6, width: 12, height: 12, transform: `rotate(45 ${cx} ${cy})`, fill: d.condition === 'calcinosis_cutis' ? '#D55E00' : '#0072B2' }), ring(d.eventId, cx, cy), s('text', { ...FONT, x: cx + 10, y: cy + 4 }, d.condition.replace(/_/g, ' ')));
  });
  const lesions = state.lesions.map((/** @type {any} */ l) => {
    const lane = `Lesions: ${l.site.replace(/_/g, '/')}`;
    if (!(lane in laneTop)) return null;
    const cx = x(yearOf(l.onsetOn));
    const cy = mid(lane);
    return s('g', { class: 'tl-lesion', 'data-event-id': l.eventId, ...faded(l.onsetOn) }, title(`Lesion ${l.lesionId} at ${l.site}, onset ${l.onsetOn}${l.ulcerated ? ', ulcerated' : ''}${l.painful ? ', painful' : ''}`, l.eventId), s('circle', { cx, cy, r: 6, fill: '#009E73', stroke: l.ulcerated ? '#1a1a1a' : 'none', 'stroke-width': 2 }), ring(l.eventId, cx, cy), s('text', { ...FONT, x: cx + 9, y: cy + 4 }, l.lesionId));
  });
  const courses = treatments.map((t, i) => {
    const x1 = x(yearOf(t.startedOn));
    const x2 = Math.max(x1 + 4, x(t.stoppedOn ? yearOf(t.stoppedOn) : openEnd));
    const cy = mid('Treatments', barRows[i]);
    const colour = INDICATION_COLOUR[/** @type {'calcinosis' | 'actd'} */ (t.indication)] ?? '#555555';
    return s(
      'g',
      { class: 'tl-treatment', 'data-event-id': t.eventId, ...faded(t.startedOn) },
      title(`Course ${t.treatmentId}: ${t.agent} (${t.indication}, ${t.category}) from ${t.startedOn} ${t.stoppedOn ? `to ${t.stoppedOn}` : '(not stopped)'}`, t.eventId),
      s('rect', { x: x1, y: cy - 6, width: x2 - x1, height: 12, rx: 3, fill: colour, 'fill-opacity': t.stoppedOn ? 0.85 : 0.45, stroke: colour }),
      t.stoppedOn ? null : s('path', { d: `M${x2},${cy - 8} l8,8 l-8,8 z`, fill: colour, 'fill-opacity': 0.45 }),
      ring(t.eventId, x1, cy),
      s('text', { ...FONT, x: x2 + 10, y: cy + 4 }, t.agent.replace(/_/g, ' ')),
      t.responses.map((/** @type {any} */ r) => {
        const [letter, fillColour] = GRADE[/** @type {keyof typeof GRADE} */ (r.grade)] ?? GRADE.unknown;
        const rx = x(yearOf(r.assessedOn));
        return s('g', { class: 'tl-response', 'data-event-id': r.eventId, ...faded(r.assessedOn) }, title(`Response of ${t.treatmentId} on ${r.assessedOn}: ${r.grade}`, r.eventId), s('circle', { cx: rx, cy, r: 7, fill: fillColour, stroke: '#ffffff' }), s('text', { ...FONT, x: rx, y: cy + 4, 'text-anchor': 'middle', fill: '#ffffff', 'font-weight': 'bold', 'font-size': 9 }, letter));
      }),
    );
  });
  const contacts = state.contacts.map((/** @type {any} */ c) => {
    const cx = x(yearOf(c.seenOn));
    return s('g', { class: 'tl-contact', 'data-event-id': c.eventId, ...faded(c.seenOn) }, title(`Contact on ${c.seenOn}`, c.eventId), s('line', { x1: cx, x2: cx, y1: mid('Contacts') - 8, y2: mid('Contacts') + 8, stroke: '#1a1a1a', 'stroke-width': 2 }), ring(c.eventId, cx, mid('Contacts')));
  });
  const death = state.death
    ? s('g', { class: 'tl-death', 'data-event-id': state.death.eventId, ...faded(state.death.diedOn) }, title(`Died on ${state.death.diedOn}${state.death.cause ? `: ${state.death.cause}` : ''}`, state.death.eventId), s('path', { d: `M${x(yearOf(state.death.diedOn)) - 6},${mid('Death') - 6} l12,12 m0,-12 l-12,12`, stroke: '#1a1a1a', 'stroke-width': 3 }), s('text', { ...FONT, x: x(yearOf(state.death.diedOn)) - 10, y: mid('Death') + 4, 'text-anchor': 'end' }, `died ${state.death.diedOn}`))
    : null;
  const asOfLine = asOf
    ? s('g', { class: 'tl-asof' }, s('line', { x1: x(yearOf(asOf)), x2: x(yearOf(asOf)), y1: 20, y2: top, stroke: '#b00020', 'stroke-width': 2, 'stroke-dasharray': '5 3' }), s('text', { ...FONT, x: x(yearOf(asOf)) - 4, y: top + 28, 'text-anchor': 'end', fill: '#b00020' }, `as of ${asOf}`))
    : null;
  return /** @type {SVGSVGElement} */ (
    s('svg', { xmlns: 'http://www.w3.org/2000/svg', id: 'timeline', viewBox: `0 0 ${W} ${height}`, width: W, height, role: 'img', 'aria-label': `Timeline of patient ${state.patientId}; the same facts are listed in the tables below` }, s('rect', { width: W, height, fill: '#ffffff' }), background, axis, asOfLine, diagnoses, lesions, courses, contacts, death)
  );
}
