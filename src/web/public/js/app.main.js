/**
 * The page's entry point: who is signed in, which view the URL asks for, and rendering it. A new view
 * (or point in time) aborts the requests of the one before, so a slow answer never paints over a newer
 * view; focus goes back where it was, or to the heading when the page changed.
 */
import { api } from './api.client.js';
import { renderDashboard } from './dashboard.page.js';
import { fill, h } from './dom.build.js';
import { renderLogin } from './login.page.js';
import { renderPatient } from './patient.page.js';
import { renderPatients } from './patients.page.js';
import { can, forget, identity, loadSession, logOut } from './session.state.js';
import { timeCutOf } from './timeCut.state.js';
import { renderTimeTravel } from './timeTravel.bar.js';
import { currentView, onViewChange } from './url.state.js';

/** @typedef {{cut: import('./timeCut.state.js').TimeCut, signal: AbortSignal, refresh: () => void, announce: (text: string) => void}} PageContext */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const user = /** @type {HTMLElement} */ (document.getElementById('user'));
const timeTravel = /** @type {HTMLElement} */ (document.getElementById('time-travel'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));

/** @type {AbortController | null} */
let inFlight = null;
/** null until the first render: on arrival the browser's focus stays at the top (skip link first). */
/** @type {string | null} */
let lastPath = null;

/** An announcement outlives the render it leads to ("Saved", then the reload), and no more. */
let rendersSinceAnnouncement = 0;
/** @param {string} text */
const announce = (text) => {
  rendersSinceAnnouncement = 0;
  fill(status, text);
};

function renderChrome() {
  const me = identity();
  const path = currentView().path;
  /** @param {string} href @param {string} text @param {boolean} active */
  const link = (href, text, active) => h('a', { href, 'aria-current': active ? 'page' : null }, text);
  fill(nav, me ? link('#/', 'Cohort', path === '/') : null, can('recorder', 'auditor') ? link('#/patients', 'Patients', path.startsWith('/patients')) : null, h('a', { href: 'docs' }, 'API docs'));
  if (!me) return void fill(user);
  fill(
    user,
    me.via === 'dev-mode' ? h('span', { class: 'dev-mode' }, 'Developer mode (AUTH=disabled): no sign-in') : h('span', { id: 'signed-in' }, `Signed in as ${me.userName} (${me.roles.join(', ')})`),
    me.via === 'session' ? h('button', { type: 'button', id: 'sign-out', class: 'link-button', onclick: signOut }, 'Sign out') : null,
  );
}

async function signOut() {
  await logOut();
  showLogin('You are signed out.');
}

/** @param {string} [message] */
function showLogin(message) {
  inFlight?.abort();
  forget();
  timeTravel.hidden = true;
  renderChrome();
  document.title = 'Sign in · Cohort Chronicle';
  renderLogin(main, { message, onSignedIn: () => void render() });
}

async function render() {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const view = currentView();
  const focusedId = document.activeElement?.id;
  const pageChanged = lastPath !== null && view.path !== lastPath;
  lastPath = view.path;
  if (++rendersSinceAnnouncement > 1) fill(status);
  const cut = timeCutOf(view.time);
  /** @type {PageContext} */
  const context = { cut, signal: controller.signal, refresh: () => void render(), announce };
  main.setAttribute('aria-busy', 'true');
  try {
    renderChrome();
    const health = await api('GET', '/health', { signal: controller.signal }).catch(() => null);
    timeTravel.hidden = false;
    renderTimeTravel(timeTravel, health?.headPosition ?? null);
    const patient = /^\/patients\/(.+)$/.exec(view.path);
    if (view.path === '/') await renderDashboard(main, context);
    else if (view.path === '/patients') await renderPatients(main, context);
    else if (patient) await renderPatient(main, decodeURIComponent(patient[1]), context);
    else fill(main, h('h1', { tabindex: -1 }, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Back to the cohort')));
  } catch (error) {
    if (controller.signal.aborted) return;
    fill(main, h('h1', { tabindex: -1 }, 'Something went wrong'), h('p', { role: 'alert', class: 'form-error' }, error instanceof Error ? error.message : String(error)));
  } finally {
    if (inFlight === controller) main.removeAttribute('aria-busy');
  }
  if (controller.signal.aborted) return;
  // each view has its own title (tabs, history, screen readers announce it)
  document.title = `${main.querySelector('h1')?.textContent ?? 'Cohort'} · Cohort Chronicle`;
  const again = focusedId ? document.getElementById(focusedId) : null;
  if (again && !pageChanged) again.focus();
  else if (pageChanged) /** @type {HTMLElement | null} */ (main.querySelector('h1'))?.focus();
}

// the hash is the router's: the skip link moves focus without changing it
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('cc:unauthenticated', () => showLogin('Your session has ended: sign in again.'));
onViewChange(() => void render());

async function start() {
  try {
    const me = await loadSession();
    if (me) await render();
    else showLogin();
  } catch (error) {
    fill(main, h('h1', {}, 'The server cannot be reached'), h('p', { role: 'alert' }, error instanceof Error ? error.message : String(error)));
  }
}

void start();
