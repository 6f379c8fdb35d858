import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkDestination, DestinationPolicy, DestinationRefused, guardedLookup } from './destination-guard';

export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status; null when it gave none. */
  status: number | null;
  durationMs: number;
  /** Why the attempt failed, for the deliveries list (never the receiver's body). */
  error: string | null;
}

/**
 * POSTs one delivery. node:http rather than fetch, because its `lookup` hook lets the socket
 * connect to exactly the addresses the SSRF check approved (fetch resolves on its own), and it
 * never follows redirects: a 3xx is a failed attempt like any other non-2xx. The whole exchange,
 * response body included, must finish within `timeoutMs`. No connection pooling (agent: false):
 * each attempt resolves and checks its destination afresh.
 */
export async function sendWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  policy: DestinationPolicy,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const failed = (error: string, status: number | null = null): AttemptOutcome => ({
    ok: false,
    status,
    durationMs: Date.now() - started,
    error,
  });
  let target: URL;
  try {
    // Scheme, credentials and IP literals; Node calls `lookup` (below) only for host names.
    target = await checkDestination(url, policy);
  } catch (error) {
    if (error instanceof DestinationRefused) return failed(`destination refused: ${error.message}`);
    throw error;
  }
  return new Promise<AttemptOutcome>((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      lookup: guardedLookup(policy),
    });
    // The first outcome wins (a promise settles once); the timer answers even when the socket
    // never reports anything after being destroyed, so a stuck receiver cannot stall the worker.
    const finish = (outcome: AttemptOutcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish(failed(`no answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    request.on('response', (response) => {
      const status = response.statusCode ?? null;
      response.on('error', (error) => finish(failed(error.message, status)));
      response.on('end', () => {
        if (status !== null && status >= 200 && status < 300) finish({ ok: true, status, durationMs: Date.now() - started, error: null });
        else if (status !== null && status >= 300 && status < 400) finish(failed('redirects are not followed', status));
        else finish(failed(`the receiver answered ${status}`, status));
      });
      response.resume(); // the body is not kept: only its end matters
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EWEBHOOKDESTINATION' ? `destination refused: ${error.message}` : error.message || error.code || 'request failed';
      finish(failed(reason));
    });
    request.end(body);
  });
}
