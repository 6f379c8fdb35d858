import safeRegex from 'safe-regex2';
import { testWithin } from './bounded-regex';
import { MAX_CUSTOM_FIELD_VALUE_LENGTH } from './custom-field-config';

/** Characters that commonly start catastrophic backtracking: each is repeated in a probe. */
const PROBE_CHARACTERS = ['a', 'A', '0', '1', ' ', '_', '-', '.', '@', '/', 'é'];
/** How long one probe may take before the pattern counts as too slow. */
const PROBE_LIMIT_MS = 100;

/**
 * Values of the longest allowed length that fail at the very end, built from common
 * characters and the pattern's own literal characters: the inputs that make a backtracking
 * engine try every way of splitting the run.
 */
function probes(pattern: string): string[] {
  const literals = pattern.replace(/\\./g, '').replace(/[\^$.*+?()[\]{}|]/g, '');
  const characters = [...new Set([...PROBE_CHARACTERS, ...literals])].slice(0, 64);
  return characters.map((character) => character.repeat(MAX_CUSTOM_FIELD_VALUE_LENGTH - 1) + '\u0000');
}

/**
 * Why a config's regex is refused, or undefined: it must compile, must not nest quantifiers
 * (star height > 1, checked statically by safe-regex2) and must not be slow on the probe
 * values (ambiguous repeated alternations such as `^(a|a)+$`, which the static check misses).
 * Probes are a heuristic; testWithin bounds every later match whatever slips through.
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return 'is not a valid regular expression';
  }
  const slow = 'could take exponential time to match (nested quantifiers or overlapping alternatives); simplify it';
  if (!safeRegex(pattern)) return slow;
  return probes(pattern).some((probe) => testWithin(pattern, probe, PROBE_LIMIT_MS) === undefined) ? slow : undefined;
}
