import { HttpException } from '@nestjs/common';

/** One entry of a problem's `errors`: a JSON Pointer into the request and what is wrong there. */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

export interface ProblemInit {
  status: number;
  detail: string;
  title?: string;
  type?: string;
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
  /** Extension members (RFC 9457 §3.2), e.g. OAuth's `error` on the token endpoint. */
  extensions?: Record<string, unknown>;
}

/** An error the service answers on purpose, rendered as RFC 9457 application/problem+json. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail, problem.status);
  }
}

export const badRequest = (detail: string, errors?: ProblemFieldError[]) =>
  new ProblemException({ status: 400, detail, errors });

export const forbidden = (detail: string, errors?: ProblemFieldError[]) =>
  new ProblemException({ status: 403, detail, errors });

/** Also the answer for records the caller may not see, so ids cannot be enumerated. */
export const notFound = () => new ProblemException({ status: 404, detail: 'Not found.' });

export const conflict = (detail: string, errors?: ProblemFieldError[]) =>
  new ProblemException({ status: 409, detail, errors });

export const unprocessable = (errors: ProblemFieldError[]) =>
  new ProblemException({
    status: 422,
    type: 'urn:problem-type:validation-error',
    detail: `The request has ${errors.length} invalid value${errors.length === 1 ? '' : 's'}.`,
    errors,
  });
