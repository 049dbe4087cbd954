/**
 * A form for one command, generated from its request schema. The browser's own checks are off
 * (novalidate): the server is the one judge of input, and its reasons are shown next to their fields;
 * rule violations and conflicts are explained above the buttons. A stale revision keeps what was typed.
 */
import { ApiError } from './api.client.js';
import { fill, h } from './dom.build.js';
import { fieldFor } from './form.fields.js';

/**
 * @typedef {{
 *   id: string, schema: import('./openapi.schema.js').Schema, submitLabel: string,
 *   omit?: string[], values?: Record<string, unknown>, choices?: Record<string, [string, string][]>,
 *   prefix?: string,
 *   toBody?: (values: Record<string, unknown>) => unknown,
 *   send: (body: unknown) => Promise<any>,
 *   done: (answer: any) => void,
 *   reloadPatient?: (form: HTMLFormElement) => void,
 *   extra?: HTMLElement[],
 * }} FormSpec
 */

/** @param {FormSpec} spec */
export function commandForm(spec) {
  const required = new Set(spec.schema.required ?? []);
  const fields = Object.entries(spec.schema.properties)
    .filter(([name, property]) => !(spec.omit ?? []).includes(name) && property.type !== 'object')
    .map(([name, property]) => fieldFor(spec.id, name, property, required.has(name), spec.values?.[name], spec.choices?.[name]));
  const problems = h('div', { class: 'form-problems', id: `${spec.id}-problems`, role: 'alert' });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, spec.submitLabel));
  const form = /** @type {HTMLFormElement} */ (h('form', { id: spec.id, class: 'command-form', novalidate: true }, spec.extra ?? [], fields.map((f) => f.element), problems, submit));

  const clear = () => {
    fill(problems);
    for (const field of fields) {
      fill(field.error);
      field.control.removeAttribute('aria-invalid');
    }
  };

  /** @param {{field: string, reason: string}[]} details */
  const showDetails = (details) => {
    const unplaced = [];
    for (const detail of details) {
      const name = spec.prefix && detail.field.startsWith(spec.prefix) ? detail.field.slice(spec.prefix.length) : detail.field;
      const field = fields.find((f) => f.name === name);
      if (!field) {
        unplaced.push(`${detail.field}: ${detail.reason}`);
        continue;
      }
      fill(field.error, detail.reason);
      field.control.setAttribute('aria-invalid', 'true');
    }
    const placed = details.length - unplaced.length;
    fill(problems, h('p', {}, `Nothing was saved. ${placed ? `Correct ${placed === 1 ? 'the field' : `the ${placed} fields`} marked above.` : ''}`), unplaced.map((text) => h('p', {}, text)));
    const first = fields.find((f) => f.control.getAttribute('aria-invalid') === 'true');
    first?.focus();
  };

  /** @param {ApiError} error */
  const explain = (error) => {
    if (error.code === 'concurrency') {
      return [
        h('p', { class: 'conflict' }, 'This patient changed since you opened it: someone recorded something else in the meantime, so nothing was saved. Reload the patient to see what changed; what you typed here stays.'),
        h('p', { class: 'hint' }, error.message),
        spec.reloadPatient ? h('button', { type: 'button', onclick: () => spec.reloadPatient?.(form) }, 'Reload the patient') : null,
      ];
    }
    const kind = error.code === 'rule_violated' ? 'This breaks a rule of the record: ' : error.code === 'conflict' ? 'This clashes with the record: ' : error.status === 403 ? 'Not allowed: ' : '';
    return h('p', {}, `${kind}${error.message}`);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    const values = Object.fromEntries(fields.map((f) => [f.name, f.read()]).filter(([, v]) => v !== undefined));
    submit.disabled = true;
    try {
      const answer = await spec.send(spec.toBody ? spec.toBody(values) : values);
      spec.done(answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'invalid' && error.details.length) showDetails(error.details);
      else fill(problems, explain(error));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
