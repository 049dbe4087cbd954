/**
 * The CLI's one HTTP client for `--server URL`: the server's API called with the caller's bearer token,
 * on Node's global fetch. Error answers come back as the errors the local use cases throw (a DomainError
 * with the server's code, message and field problems), so every command reports them as it does
 * locally; 401 and 403 become a RemoteRefusal that says which it was and what to do about it.
 */
import { DomainError, type DomainErrorCode, type FieldProblem } from '../../shared/domain.error';

export type Query = Record<string, string | undefined>;

/** The server answered 401 (no valid token) or 403 (the token's user lacks the role): exit code 3. */
export class RemoteRefusal extends Error {
  readonly exitCode = 3;
}

interface ErrorAnswer {
  code?: string;
  message?: string;
  details?: FieldProblem[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The CLI waits as long for a server's read model to catch up as for its own (cli dataset): 10 minutes. */
const PATIENCE_MS = 600_000;

export class RemoteServer {
  constructor(
    readonly base: URL,
    private readonly token: string,
    private readonly patienceMs = PATIENCE_MS,
  ) {}

  /** Plain HTTP is fine on the machine itself; anywhere else the token would cross the network readable. */
  get insecure(): boolean {
    return this.base.protocol === 'http:' && !LOOPBACK.has(this.base.hostname);
  }

  async json<T>(path: string, query: Query = {}): Promise<T> {
    return (await this.request('GET', path, query)).json() as Promise<T>;
  }

  async text(path: string, query: Query = {}): Promise<{ text: string; headers: Headers }> {
    const response = await this.request('GET', path, query);
    return { text: await response.text(), headers: response.headers };
  }

  async bytes(path: string, query: Query = {}): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request('GET', path, query)).arrayBuffer());
  }

  /** The answer's body as it arrives, for answers too big to hold (the whole-log audit trail). */
  async stream(path: string, query: Query = {}): Promise<AsyncIterable<Uint8Array>> {
    const body = (await this.request('GET', path, query)).body;
    return body ?? (async function* () {})();
  }

  /** POST a JSON object, or a FormData as multipart/form-data. */
  async post<T>(path: string, body: object | FormData): Promise<T> {
    return (await this.request('POST', path, {}, body)).json() as Promise<T>;
  }

  /** The head of the server's log now: reads pass it as minPosition, to be answered from the whole log as the local CLI is. */
  async headPosition(): Promise<string> {
    return String((await this.json<{ headPosition: number }>('/health')).headPosition);
  }

  private url(path: string, query: Query): URL {
    const url = new URL(path.replace(/^\//, ''), this.base.href.endsWith('/') ? this.base : `${this.base.href}/`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    return url;
  }

  /** One request; a GET answered 503 with Retry-After (read model behind, store away) is tried again until patience runs out. */
  private async request(method: 'GET' | 'POST', path: string, query: Query, body?: object | FormData): Promise<Response> {
    const url = this.url(path, query);
    const giveUpAt = Date.now() + this.patienceMs;
    for (;;) {
      const response = await this.send(method, url, body);
      if (response.ok) return response;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (method === 'GET' && response.status === 503 && retryAfter > 0 && Date.now() + retryAfter * 1000 < giveUpAt) {
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        continue;
      }
      throw await this.failure(method, url, response);
    }
  }

  private async send(method: string, url: URL, body?: object | FormData): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
    try {
      return await fetch(url, { method, headers, body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach ${this.base.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
  }

  private async failure(method: string, url: URL, response: Response): Promise<Error> {
    const text = await response.text();
    let answer: ErrorAnswer = {};
    try {
      answer = JSON.parse(text) as ErrorAnswer;
    } catch {
      answer = { message: text.slice(0, 200) };
    }
    const what = `${method} ${url.pathname}`;
    const said = answer.message ?? response.statusText;
    if (response.status === 401) return new RemoteRefusal(`${this.base.origin} refused the token (401 unauthorized) on ${what}: ${said}; check --token or COHORT_TOKEN`);
    if (response.status === 403) return new RemoteRefusal(`${this.base.origin} refused ${what} to the token's user (403 forbidden): ${said}`);
    if (answer.code && response.status < 500) return new DomainError(answer.code as DomainErrorCode, said, answer.details ?? []);
    return new Error(`${this.base.origin} answered ${response.status} on ${what}: ${said}`);
  }
}
