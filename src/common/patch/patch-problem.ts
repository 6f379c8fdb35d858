import { ProblemException } from '../http/problem.exception';
import { PatchError, PatchTestFailedError, PatchTooLargeError } from './patch.errors';

/**
 * HTTP status of each engine error: a failed `test` is 409 (seed 002), a patched record over
 * the size limit is 413, every other problem with the patch is 400.
 */
export function patchErrorToProblem(error: PatchError): ProblemException {
  const status = error instanceof PatchTestFailedError ? 409 : error instanceof PatchTooLargeError ? 413 : 400;
  const detail =
    status === 409 ? 'A test operation did not match the record.' : status === 413 ? 'The patched record is too large.' : 'The patch cannot be applied.';
  return new ProblemException({
    status,
    type: status === 409 ? 'urn:problem-type:patch-test-failed' : undefined,
    detail,
    errors: [{ pointer: error.pointer, detail: error.detail }],
  });
}
