/**
 * The time-travel controls every page shares: an asOf date picker (valid time) and a knowledge control
 * (now, a recorded-by date-time in UTC, or a log-position slider). Each change goes into the URL at
 * once, so the whole page re-renders for the new point and the address can be shared.
 */
import { fill, h } from './dom.build.js';
import { currentView, navigate } from './url.state.js';
import { describeCut, timeCutOf } from './timeCut.state.js';

/** @param {Record<string, string | number | null>} time */
const setTime = (time) => navigate({ time });

/** 2011-06-30T12:00:00Z -> 2011-06-30T12:00 for a datetime-local input that we label UTC. @param {string | null} instant */
const localValue = (instant) => (instant ? new Date(instant).toISOString().slice(0, 16) : '');

/**
 * @param {HTMLElement} container
 * @param {number | null} headPosition  the end of the log, for the slider's range and the statement
 */
export function renderTimeTravel(container, headPosition) {
  const cut = timeCutOf(currentView().time);
  const mode = cut.atPosition !== null ? 'position' : cut.knownAt ? 'instant' : 'now';
  const max = Math.max(headPosition ?? 0, cut.atPosition ?? 0);
  const asOf = h('input', { type: 'date', id: 'asOf', name: 'asOf', value: cut.asOf ?? '', 'aria-describedby': 'asOf-hint' });
  asOf.addEventListener('change', () => setTime({ ...currentView().time, asOf: /** @type {HTMLInputElement} */ (asOf).value || null }));
  const knownAt = h('input', { type: 'datetime-local', id: 'knownAt', name: 'knownAt', value: localValue(cut.knownAt), disabled: mode !== 'instant' });
  knownAt.addEventListener('change', () => {
    const value = /** @type {HTMLInputElement} */ (knownAt).value;
    if (value) setTime({ asOf: cut.asOf, knownAt: `${value}:00Z` });
  });
  const position = h('input', { type: 'range', id: 'atPosition', name: 'atPosition', min: 0, max, step: 1, value: cut.atPosition ?? max, disabled: mode !== 'position', 'aria-describedby': 'atPosition-value' });
  const positionValue = h('output', { id: 'atPosition-value', for: 'atPosition' }, String(cut.atPosition ?? max));
  // the label follows the thumb while it moves; the page re-renders once it is let go (change)
  position.addEventListener('input', () => fill(positionValue, /** @type {HTMLInputElement} */ (position).value));
  position.addEventListener('change', () => setTime({ asOf: cut.asOf, atPosition: /** @type {HTMLInputElement} */ (position).value }));

  /** @param {string} value @param {string} label */
  const modeRadio = (value, label) => {
    const input = h('input', { type: 'radio', name: 'knowledge', id: `knowledge-${value}`, value, checked: mode === value });
    input.addEventListener('change', () => {
      if (value === 'now') setTime({ asOf: cut.asOf });
      if (value === 'instant') setTime({ asOf: cut.asOf, knownAt: new Date().toISOString().slice(0, 16) + ':00Z' });
      if (value === 'position') setTime({ asOf: cut.asOf, atPosition: max });
    });
    return h('label', { class: 'radio', for: `knowledge-${value}` }, input, ` ${label}`);
  };

  fill(
    container,
    h(
      'form',
      { class: 'time-travel', onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      h(
        'fieldset',
        { class: 'time-valid' },
        h('legend', {}, 'Clinical time'),
        h('label', { for: 'asOf' }, 'Facts dated on or before'),
        ' ',
        asOf,
        ' ',
        h('button', { type: 'button', class: 'link-button', disabled: !cut.asOf, onclick: () => setTime({ ...currentView().time, asOf: null }) }, 'All dates'),
        h('span', { id: 'asOf-hint', class: 'hint' }, 'asOf: later facts are left out, as if it were that day'),
      ),
      h(
        'fieldset',
        { class: 'time-known' },
        h('legend', {}, 'Record as known'),
        modeRadio('now', 'Now'),
        modeRadio('instant', 'Recorded by (UTC)'),
        h('label', { for: 'knownAt', class: 'visually-hidden' }, 'Recorded by, date and time in UTC'),
        knownAt,
        modeRadio('position', 'Up to log position'),
        h('label', { for: 'atPosition', class: 'visually-hidden' }, 'Log position'),
        position,
        positionValue,
      ),
      h('p', { id: 'time-statement', class: 'time-statement' }, describeCut(cut, headPosition)),
    ),
  );
}
