/**
 * Who is signed in. The session itself is the server's HttpOnly cookie; the page only keeps the identity
 * (name and roles) to decide what to offer. The server still decides what is allowed.
 */
import { api, ApiError } from './api.client.js';

/** @typedef {{userName: string, roles: string[], identifiedAccess: boolean, via?: string}} Identity */

/** @type {Identity | null} */
let current = null;

/** Asks the server who the cookie belongs to; null when nobody is signed in. */
export async function loadSession() {
  try {
    current = await api('GET', '/auth/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    current = null;
  }
  return current;
}

/** @param {string} userName @param {string} password */
export async function logIn(userName, password) {
  const answer = await api('POST', '/auth/login', { body: { userName, password } });
  current = { userName: answer.userName, roles: answer.roles, identifiedAccess: answer.identifiedAccess, via: 'session' };
  return current;
}

export async function logOut() {
  await api('POST', '/auth/logout');
  current = null;
}

export const identity = () => current;
export const forget = () => {
  current = null;
};

/** True when the signed-in user has any of the roles. @param {...string} roles */
export const can = (...roles) => Boolean(current && roles.some((role) => current?.roles.includes(role)));
