/** Progress goes to stderr: stdout carries only the JSON summary. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
