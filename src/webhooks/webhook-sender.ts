import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkDestinationForm, DestinationPolicy, DestinationRefused, guardedLookup } from './destination-guard';

export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status; null when it gave none. */
  status: number | null;
  durationMs: number;
  /** Why the attempt failed, for the deliveries list (never the receiver's body). */
  error: string | null;
}

/**
 * How long an unused kept-alive connection stays open. Short, so that a connection is rarely
 * reused just as the receiver closes it (Node's own server closes after 5 s, and announces it;
 * Node then closes a second earlier still); the worker polls every second, so under load the
 * connections stay in use.
 */
const IDLE_SOCKET_MS = 4_000;

/** The answer of a kept-alive connection the receiver had closed before this request reached it. */
const STALE_CONNECTION = Symbol('stale connection');

/**
 * POSTs deliveries. node:http rather than fetch, because its `lookup` hook lets the socket
 * connect to exactly the addresses the SSRF check approved (fetch resolves on its own), and it
 * never follows redirects: a 3xx is a failed attempt like any other non-2xx. The whole exchange,
 * response body included, must finish within `timeoutMs`.
 *
 * Connections are kept alive per origin (one Agent per scheme pools by host and port), which
 * saves a TCP (and TLS) handshake and a DNS lookup per delivery. That keeps the SSRF guarantee:
 * a connection is only ever opened through guardedLookup, so it is connected to an address
 * checked when it was opened, and the URL's form is checked before every send.
 */
export class WebhookSender {
  private readonly agents: Record<'http:' | 'https:', HttpAgent>;

  constructor(
    private readonly policy: DestinationPolicy,
    private readonly timeoutMs: number,
  ) {
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
    this.agents = { 'http:': new HttpAgent(options), 'https:': new HttpsAgent(options) };
  }

  async send(url: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const started = Date.now();
    let target: URL;
    try {
      target = checkDestinationForm(url, this.policy);
    } catch (error) {
      if (error instanceof DestinationRefused) return failedSince(started, `destination refused: ${error.message}`);
      throw error;
    }
    const outcome = await this.post(target, body, headers, started, true);
    // Once, on a connection of its own: the receiver never saw the request on the stale one.
    return outcome === STALE_CONNECTION ? ((await this.post(target, body, headers, started, false)) as AttemptOutcome) : outcome;
  }

  /** Closes the kept-alive connections (at shutdown). */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private post(
    target: URL,
    body: string,
    headers: Record<string, string>,
    started: number,
    pooled: boolean,
  ): Promise<AttemptOutcome | typeof STALE_CONNECTION> {
    const timeoutMs = this.timeoutMs - (Date.now() - started);
    const failed = (error: string, status: number | null = null) => failedSince(started, error, status);
    return new Promise((resolve) => {
      const https = target.protocol === 'https:';
      const request = (https ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: pooled ? this.agents[https ? 'https:' : 'http:'] : false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(this.policy),
      });
      // The first outcome wins (a promise settles once); the timer answers even when the socket
      // never reports anything after being destroyed, so a stuck receiver cannot stall the worker.
      const finish = (outcome: AttemptOutcome | typeof STALE_CONNECTION) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        finish(failed(`no answer within ${this.timeoutMs} ms`));
        request.destroy();
      }, timeoutMs);
      let answered = false;
      request.on('response', (response) => {
        answered = true;
        const status = response.statusCode ?? null;
        response.on('error', (error) => finish(failed(error.message, status)));
        response.on('end', () => {
          if (status !== null && status >= 200 && status < 300) finish({ ok: true, status, durationMs: Date.now() - started, error: null });
          else if (status !== null && status >= 300 && status < 400) finish(failed('redirects are not followed', status));
          else finish(failed(`the receiver answered ${status}`, status));
        });
        response.resume(); // the body is not kept: only its end matters (and reading it frees the connection)
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return finish(STALE_CONNECTION);
        const reason = error.code === 'EWEBHOOKDESTINATION' ? `destination refused: ${error.message}` : error.message || error.code || 'request failed';
        finish(failed(reason));
      });
      request.end(body);
    });
  }
}

function failedSince(started: number, error: string, status: number | null = null): AttemptOutcome {
  return { ok: false, status, durationMs: Date.now() - started, error };
}
