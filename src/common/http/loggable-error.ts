/**
 * What of an unexpected error may be logged: its kind, message, database error code and stack.
 * Never the SQL, its parameters or the driver's `detail`: those carry the values being
 * written, personal data included.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code, stack: error.stack };
}
