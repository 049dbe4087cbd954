/** Refused before anything was read, written or sent (no API key, --server on a local-only command): exit code 2. */
export class CliRefusal extends Error {
  readonly exitCode = 2;
}
