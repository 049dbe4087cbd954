/**
 * The one way the UI talks to the server: JSON in and out, the CSRF header on every write made with the
 * session cookie, If-Match when the caller knows a revision, and errors as ApiError carrying the
 * server's {code, message, details[{field, reason}]} so forms can put each reason next to its field.
 */

export class ApiError extends Error {
  /** @param {number} status @param {any} body */
  constructor(status, body) {
    const message = typeof body === 'object' && body !== null && body.message ? String(body.message) : `the server answered ${status}`;
    super(message);
    this.status = status;
    /** @type {string} */
    this.code = (typeof body === 'object' && body?.code) || String(status);
    /** @type {{field: string, reason: string}[]} */
    this.details = (typeof body === 'object' && Array.isArray(body?.details) && body.details) || [];
  }
}

/** The log position of this page's latest write: read models are asked to have folded it (read your writes). */
let lastWrite = 0;
export const writtenPosition = () => lastWrite;

/** The CSRF token the login set as a readable cookie (absent in AUTH=disabled mode, where none is needed). */
function csrfToken() {
  const match = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith('cc_csrf='));
  return match ? decodeURIComponent(match.slice('cc_csrf='.length)) : null;
}

/** @param {Record<string, string | number | null | undefined>} [query] */
export function queryString(query = {}) {
  const entries = Object.entries(query).filter(([, value]) => value !== null && value !== undefined && value !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {{query?: Record<string, any>, body?: unknown, ifMatch?: number, signal?: AbortSignal, accept?: string}} [options]
 * @returns {Promise<any>} the parsed JSON, or the text of any other answer
 */
export async function api(method, path, { query, body, ifMatch, signal, accept = 'application/json' } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = method === 'GET' ? null : csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (ifMatch !== undefined) headers['If-Match'] = String(ifMatch);
  const response = await fetch(path + queryString(query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    credentials: 'same-origin',
  });
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const payload = isJson ? await response.json() : await response.text();
  if (!response.ok) {
    // a lapsed session anywhere sends the user back to the login page (app.main listens)
    if (response.status === 401 && !path.startsWith('/auth/')) window.dispatchEvent(new CustomEvent('cc:unauthenticated'));
    throw new ApiError(response.status, payload);
  }
  if (method !== 'GET' && typeof payload?.position === 'number') lastWrite = Math.max(lastWrite, payload.position);
  return payload;
}
