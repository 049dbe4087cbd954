/**
 * Builds DOM and SVG nodes from plain values. Text always goes in as text nodes, never as markup, so
 * nothing a user or the record says can become HTML: the UI has no innerHTML anywhere.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {Record<string, unknown>} Attributes  on<event> functions become listeners; null/undefined/false are left out */
/** @typedef {Node | string | number | null | undefined | false | any[]} Child  arrays nest */

/** @param {Element} element @param {Attributes} attributes */
function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** @param {Element} element @param {Child[]} children */
function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** An HTML element. @param {string} tag @param {Attributes} [attributes] @param {...Child} children @returns {HTMLElement} */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** An SVG element (presentation attributes, no CSS: a downloaded figure must look the same). @param {string} tag @param {Attributes} [attributes] @param {...Child} children @returns {SVGElement} */
export function s(tag, attributes = {}, ...children) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Replaces everything inside `element`. @param {Element} element @param {...Child} children */
export function fill(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
  return element;
}
