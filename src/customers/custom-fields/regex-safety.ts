import safeRegex from 'safe-regex2';

/**
 * Why a config's regex is refused, or undefined: it must compile and must not be able to
 * backtrack catastrophically (star height > 1, checked statically by safe-regex2; `re2`
 * would need a native build).
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return 'is not a valid regular expression';
  }
  return safeRegex(pattern) ? undefined : 'could take exponential time to match (nested quantifiers); simplify it';
}
