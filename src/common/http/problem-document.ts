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
    ...(input.errors?.length ? { errors: input.errors } : {}),
  };
}
