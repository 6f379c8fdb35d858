/** A value for a jsonb parameter: pg takes it as JSON text; SQL NULL for null or absent. */
export const jsonbParameter = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
