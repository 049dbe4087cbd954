/**
 * The real app listening on a free local port, and Debian's Chromium driven by playwright-core, for the
 * browser tests of the web UI. Screenshots go to test/artifacts/ (git-ignored; CI keeps them).
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { UsersService } from '../../src/auth/users.service';
import type { Role } from '../../src/users/user.events';
import type { AppConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/testApp';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** Jest has no skip reason, so the reason is the suite's name (and a warning) when Chromium is absent. */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, body);
  console.warn(`SKIPPED "${name}": ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  describe.skip(`${name} — SKIPPED: ${CHROMIUM} is not installed (apt-get install -y chromium)`, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // without the background-networking flags Chromium keeps dialling out, and this closed network refuses it
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WebApp extends TestApp {
  url: string;
  /** an API key of the test user, for changes made "by someone else" while a page is open */
  apiKey: string;
  port: number;
}

export const TEST_USER = { userName: 'ruth', password: 'correct horse battery staple' };

/**
 * Inside a suite: the app and Chromium started before its tests (then `prepare`, e.g. to load data) and
 * stopped after them. The object is filled in by beforeAll, so read its fields inside tests and hooks.
 */
export function appAndBrowser(auth: AppConfig['auth'], prepare?: (app: WebApp) => Promise<void>): { app: WebApp; browser: Browser } {
  const env = {} as { app: WebApp; browser: Browser };
  beforeAll(async () => {
    [env.app, env.browser] = await Promise.all([startWebApp(auth), launchChromium()]);
    await prepare?.(env.app);
  }, 60_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}

/** A user who signs in with TEST_USER's password; answers the user's API key. */
export async function addUser(t: TestApp, userName: string, roles: Role[]): Promise<string> {
  return (await t.app.get(UsersService).addUser({ userName, roles, identifiedAccess: true }, 'test', TEST_USER.password)).apiKey;
}

export async function startWebApp(auth: AppConfig['auth']): Promise<WebApp> {
  const t = await startTestApp({ config: { auth } });
  const apiKey = await addUser(t, TEST_USER.userName, ['recorder', 'analyst', 'auditor']);
  // every interface: one test reaches the UI the way a colleague on the network would, not via loopback
  await t.app.listen(0, '0.0.0.0');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}`, port, apiKey };
}

/** This machine's first non-loopback IPv4 address, if it has one. */
export function networkAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Collects what would otherwise pass silently: uncaught errors and CSP refusals in the page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|404|409|422|400)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}
