/**
 * The view lives in the URL so that a link reproduces what its sender saw. The point in time, shared by
 * every page, is the query string (?asOf=&knownAt=&atPosition=); the page and its own options are the
 * hash (#/patients?offset=50). Links that change only the hash keep the point in time as it is.
 */

/** @typedef {{path: string, options: Record<string, string>, time: Record<string, string>}} View */

/** @returns {View} */
export function currentView() {
  const [path, options = ''] = location.hash.replace(/^#/, '').split('?');
  return {
    path: path || '/',
    options: Object.fromEntries(new URLSearchParams(options)),
    time: Object.fromEntries(new URLSearchParams(location.search)),
  };
}

/** @param {Record<string, string | number | null | undefined>} values */
function encode(values) {
  const kept = Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return new URLSearchParams(kept.map(([k, v]) => [k, String(v)])).toString();
}

/** A hash link to a page with its options. @param {string} path @param {Record<string, string | number | null | undefined>} [options] */
export function pageHref(path, options = {}) {
  const query = encode(options);
  return `#${path}${query ? `?${query}` : ''}`;
}

/**
 * Moves to another view without reloading; a new history entry unless `replace`.
 * @param {{path?: string, options?: Record<string, any>, time?: Record<string, any>, replace?: boolean}} change
 */
export function navigate({ path, options, time, replace = false }) {
  const view = currentView();
  const search = encode(time ?? view.time);
  const url = `${location.pathname}${search ? `?${search}` : ''}${pageHref(path ?? view.path, options ?? (path ? {} : view.options))}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  window.dispatchEvent(new CustomEvent('cc:viewchange'));
}

/** @param {() => void} listener */
export function onViewChange(listener) {
  for (const type of ['popstate', 'hashchange', 'cc:viewchange']) window.addEventListener(type, listener);
}
