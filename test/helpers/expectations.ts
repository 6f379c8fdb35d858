/** Shapes and checks several e2e suites share. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Problem entries (one per failed rule) that all point at `pointer`, and at least one of them. */
export function expectErrorsAt(errors: Array<{ pointer: string; detail: string }>, pointer: string | RegExp): void {
  expect(errors.length).toBeGreaterThan(0);
  const at = typeof pointer === 'string' ? pointer : expect.stringMatching(pointer);
  for (const error of errors) expect(error).toEqual({ pointer: at, detail: expect.any(String) });
}
