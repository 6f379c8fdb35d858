/**
 * Errors of the patch engine. Plain `Error` subclasses (no NestJS) so the HTTP layer owns
 * the mapping to status codes; every error carries a JSON Pointer INTO THE REQUEST BODY
 * (for example `/2/path` = the `path` member of the third operation) and a short,
 * client-safe `detail` (never request values, never a stack).
 */

/** Common base so callers can map every engine error with one `instanceof`. */
export abstract class PatchError extends Error {
  constructor(
    /** JSON Pointer into the request body locating the problem (`""` = the whole body). */
    readonly pointer: string,
    /** Human-readable explanation, safe to return to the client. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/**
 * The request is wrong (HTTP 400): malformed operation, bad pointer syntax, a path that does
 * not resolve, an array index out of range, a forbidden token, or a limit exceeded.
 */
export class PatchRequestError extends PatchError {}

/** A `test` operation did not hold (HTTP 409): the document is not in the state the client expected. */
export class PatchTestFailedError extends PatchError {}

/**
 * The patched document would be larger than `maxDocumentBytes` (HTTP 413 or 400, the HTTP
 * layer decides). Thrown early when a patch (e.g. repeated `copy`) is already known to be
 * too large, so amplification never builds a huge intermediate document.
 */
export class PatchTooLargeError extends PatchError {
  constructor(
    pointer: string,
    /** Size of the patched document in bytes; a lower bound when the patch was stopped early. */
    readonly sizeBytes: number,
    /** The configured `maxDocumentBytes`. */
    readonly maxBytes: number,
  ) {
    super(pointer, `the patched document would be at least ${sizeBytes} bytes, more than the limit of ${maxBytes} bytes`);
  }
}
