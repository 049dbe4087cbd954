/**
 * One input per property of a request schema from the OpenAPI document: a select for a vocabulary, a
 * date picker for a date, yes/no/not recorded for an optional flag, checkboxes for a list of terms.
 * Each field has its label, the schema's description as a hint, and a slot for the server's reason.
 */
import { h } from './dom.build.js';

/** @typedef {import('./openapi.schema.js').Property} Property */
/** @typedef {{name: string, element: HTMLElement, read: () => unknown, focus: () => void, error: HTMLElement, control: HTMLElement}} Field */

/** onsetOn -> Onset on; lesionIds -> Lesion ids. @param {string} name */
export const labelOf = (name) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_, c) => ` ${c.toLowerCase()}`);

/** @param {string} value */
const term = (value) => value.replace(/_/g, ' ');

/**
 * @param {string} formId @param {string} name @param {Property} property @param {boolean} required
 * @param {unknown} initial @param {[string, string][] | undefined} choices  options the page knows (e.g. the patient's lesions)
 * @returns {Field}
 */
export function fieldFor(formId, name, property, required, initial, choices) {
  const id = `${formId}-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h('span', { id: errorId, class: 'field-error' });
  const described = `${property.description ? hintId : ''} ${errorId}`.trim();
  const common = { id, name, 'aria-describedby': described, 'aria-required': required ? 'true' : null };
  const label = h('label', { for: id }, labelOf(name), required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
  const hint = property.description ? h('span', { id: hintId, class: 'hint' }, property.description) : null;

  const listItems = property.type === 'array' ? (property.items?.enum?.map((v) => /** @type {[string, string]} */ ([v, term(v)])) ?? choices) : null;
  if (listItems) {
    const chosen = new Set(Array.isArray(initial) ? initial.map(String) : []);
    const boxes = listItems.map(([value, text], k) => /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `${id}-${k}`, name, value, checked: chosen.has(value) })));
    const control = h(
      'fieldset',
      { class: 'field checkboxes', id, 'aria-describedby': described },
      h('legend', {}, labelOf(name)),
      boxes.length ? boxes.map((box, k) => h('label', { class: 'checkbox', for: box.id }, box, ` ${listItems[k][1]}`)) : h('span', { class: 'hint' }, 'none to choose from'),
      hint,
      error,
    );
    return { name, element: control, control, error, read: () => boxes.filter((b) => b.checked).map((b) => b.value), focus: () => boxes[0]?.focus() };
  }

  /** @type {HTMLInputElement | HTMLSelectElement} */
  let control;
  const value = initial === null || initial === undefined ? '' : String(initial);
  if (property.enum || property.type === 'boolean') {
    const options = property.enum ? property.enum.map((v) => /** @type {[string, string]} */ ([v, term(v)])) : [['true', 'yes'], ['false', 'no']];
    const empty = required ? 'Choose…' : 'not recorded';
    control = /** @type {HTMLSelectElement} */ (h('select', common, h('option', { value: '' }, empty), options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
  } else {
    const type = property.format === 'date' ? 'date' : property.type === 'number' ? 'number' : 'text';
    control = /** @type {HTMLInputElement} */ (h('input', { ...common, type, value, step: type === 'number' ? 'any' : null, maxlength: property.maxLength ?? null, autocomplete: 'off' }));
  }
  const read = () => {
    const raw = control.value.trim();
    if (raw === '') return undefined;
    if (property.type === 'boolean') return raw === 'true';
    // a number the server cannot read is sent as typed, so its reason comes back next to the field
    if (property.type === 'number') return Number.isNaN(Number(raw)) ? raw : Number(raw);
    return raw;
  };
  return { name, element: h('div', { class: 'field' }, label, control, hint, error), control, error, read, focus: () => control.focus() };
}
