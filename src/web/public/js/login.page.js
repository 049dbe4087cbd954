/** Sign-in with a user name and password: the server sets the session cookie and the CSRF cookie. */
import { ApiError } from './api.client.js';
import { fill, h } from './dom.build.js';
import { logIn } from './session.state.js';

/** @param {HTMLElement} main @param {{message?: string, onSignedIn: () => void}} options */
export function renderLogin(main, { message, onSignedIn }) {
  // why the sign-in page is shown (signed out, session ended) is news, not an error
  const notice = message ? h('p', { id: 'login-message', class: 'note', role: 'status' }, message) : null;
  const error = h('p', { id: 'login-error', class: 'form-error', role: 'alert' });
  const userName = /** @type {HTMLInputElement} */ (h('input', { id: 'userName', name: 'userName', autocomplete: 'username', required: true }));
  const password = /** @type {HTMLInputElement} */ (h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }));
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  const form = h(
    'form',
    { class: 'login', 'aria-describedby': 'login-error' },
    h('div', { class: 'field' }, h('label', { for: 'userName' }, 'User name'), userName),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    fill(error);
    try {
      await logIn(userName.value, password.value);
      onSignedIn();
    } catch (e) {
      fill(error, e instanceof ApiError && e.status === 401 ? 'Unknown user or wrong password.' : e instanceof ApiError && e.status === 429 ? 'Too many attempts: wait a minute and try again.' : `Sign-in failed: ${e instanceof Error ? e.message : e}`);
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  fill(main, h('section', { class: 'panel narrow' }, h('h1', { tabindex: -1 }, 'Sign in'), notice, h('p', {}, 'Cohort Chronicle keeps identifiable patient records: sign in with the account an administrator gave you.'), form));
  userName.focus();
}
