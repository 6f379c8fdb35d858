import { createContext, Script } from 'node:vm';

/**
 * Runs a config's regex with a time limit. A static check (safe-regex2) misses exponential
 * patterns such as `^(a|a)+$`, and one such match blocks the event loop for minutes; `re2`
 * would need a native build. A vm script with `timeout` is interrupted by V8 even inside the
 * regex engine, so no value can hold the service longer than the limit.
 */

const context = createContext({ pattern: '', value: '' });
const TEST = new Script('new RegExp(pattern).test(value)');

/** Whether `value` matches `pattern`, or undefined when matching took longer than `limitMs`. */
export function testWithin(pattern: string, value: string, limitMs: number): boolean | undefined {
  context.pattern = pattern;
  context.value = value;
  try {
    return TEST.runInContext(context, { timeout: limitMs }) === true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return undefined;
    throw error;
  }
}
