/**
 * How long a connection may sit in each phase before it is closed, and how many may be open at once. Without
 * them a client that connects and says nothing (or sends its headers a byte at a time, or stops mid-body, or
 * leaves an HTTP/2 session open) holds a file descriptor forever, and enough of them make accept() fail for
 * everyone (EMFILE). See docs/emulator.md, "Connections".
 */
export interface ConnectionLimits {
  /**
   * Connections open at once. A new one past the cap closes the connection idle the longest (between requests,
   * or not yet past its first bytes) to make room, so idle connections cannot lock real clients out; when none
   * is idle the new one is closed at once. Default 512: ten times the 50 sockets an SDK client pools per host,
   * and half the common 1,024 file-descriptor limit, leaving the other half to the files the services hold.
   */
  readonly maxConnections: number;
  /** From accepting a connection to its first 3 bytes, which say HTTP/1.1 or HTTP/2. Default 10 s. */
  readonly sniffTimeoutMs: number;
  /**
   * From a request's first byte to the end of its headers (HTTP/1.1; Node's `headersTimeout`, whose default is
   * 60 s). Default 20 s, the initial header timeout of Apache's mod_reqtimeout: every client here sends its
   * headers in one write.
   */
  readonly headersTimeoutMs: number;
  /**
   * The longest silence in the middle of a request body, HTTP/1.1 and HTTP/2. A pause, not a total, so an S3
   * upload of gigabytes takes as long as it needs while bytes keep coming (Node's total `requestTimeout`, 300 s by
   * default, is off). Default 60 s, nginx's `client_body_timeout`.
   */
  readonly bodyIdleTimeoutMs: number;
  /**
   * An HTTP/1.1 connection idle between requests (Node's `keepAliveTimeout`, announced in `Keep-Alive: timeout=`;
   * Node's default is 5 s). Default 60 s, the idle timeout of AWS's load balancers, which the SDK's and botocore's
   * connection pools are made to meet; they retry a request whose pooled socket closed under it (ECONNRESET).
   */
  readonly keepAliveTimeoutMs: number;
  /** An HTTP/2 session with no frame either way (Node's `session.setTimeout`; no default there). Default 60 s, as keep-alive. */
  readonly http2IdleTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 512,
  sniffTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyIdleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 60_000,
  http2IdleTimeoutMs: 60_000,
};

/** The defaults with `overrides` applied; each value must be a positive whole number. */
export function connectionLimits(overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`connection limit ${name} must be a whole number >= 1, got ${String(value)}`);
    }
  }
  return limits;
}
