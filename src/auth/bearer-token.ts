import { hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digests = new WeakMap<object, string | null>();

/**
 * SHA-256 of the request's `Authorization` header, computed once per request and shared by
 * the rate limiter (its per-token budget) and the JWT strategy (its memory of verified
 * tokens), so that neither keeps a usable credential in memory. Undefined without the header.
 */
export function credentialDigest(request: { headers: IncomingHttpHeaders }): string | undefined {
  let digest = digests.get(request);
  if (digest === undefined) {
    const header = request.headers.authorization;
    // crypto.hash: one call, no Hash object per request.
    digest = typeof header === 'string' && header.length > 0 ? hash('sha256', header, 'base64url') : null;
    digests.set(request, digest);
  }
  return digest ?? undefined;
}
