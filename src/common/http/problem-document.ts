import { STATUS_CODES } from 'node:http';
import { ProblemFieldError } from './problem.exception';

/** The RFC 9457 body every refusal of this service carries. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Entries of `errors` a problem lists; the rest are counted in `errorsOmitted`. One entry per
 * unknown field of a 1 MiB body would make an answer many times the size of the request.
 */
export const MAX_PROBLEM_ERRORS = 100;

export function problemDocument(input: {
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  title?: string;
  type?: string;
  errors?: ProblemFieldError[];
  extensions?: Record<string, unknown>;
}): ProblemDocument {
  return {
    ...input.extensions,
    type: input.type ?? 'about:blank',
    title: input.title ?? STATUS_CODES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    instance: input.instance,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    ...(input.errors?.length ? { errors: input.errors.slice(0, MAX_PROBLEM_ERRORS) } : {}),
    ...((input.errors?.length ?? 0) > MAX_PROBLEM_ERRORS ? { errorsOmitted: input.errors!.length - MAX_PROBLEM_ERRORS } : {}),
  };
}
