import { ProblemException } from '../common/http/problem.exception';

export const MISSING_CREDENTIALS = 'Authentication credentials were not provided';
export const INVALID_TOKEN = 'Invalid token';

/** 401 with the seed 001 wording; RFC 6750 §3 asks for the challenge on every 401. */
export function unauthorized(detail: typeof MISSING_CREDENTIALS | typeof INVALID_TOKEN): ProblemException {
  const challenge =
    detail === INVALID_TOKEN ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
  return new ProblemException({ status: 401, detail, headers: { 'WWW-Authenticate': challenge } });
}
