/**
 * RFC 6901 JSON Pointer parsing and formatting. Hand-written scanners instead of regexes:
 * pointers are parsed for every operation of every PATCH, and the common case (no `~`) is a
 * single `split`.
 */
import { PatchRequestError } from './patch.errors';

const CHAR_0 = 48;
const CHAR_9 = 57;

/**
 * Splits a pointer into its unescaped reference tokens; `""` (the whole document) is `[]`.
 * @param bodyPointer where this pointer sits in the request body, reported if it is invalid
 * @throws PatchRequestError when the pointer does not start with `/` or has a bad `~` escape
 */
export function parsePointer(pointer: string, bodyPointer = ''): string[] {
  if (pointer === '') return [];
  if (pointer[0] !== '/') {
    throw new PatchRequestError(bodyPointer, `JSON Pointer '${pointer}' must be empty or start with '/'`);
  }
  const tokens = pointer.slice(1).split('/');
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].includes('~')) tokens[i] = unescapeToken(tokens[i], pointer, bodyPointer);
  }
  return tokens;
}

/** `~1` → `/` and `~0` → `~`, in one left-to-right pass so `~01` becomes `~1` (RFC 6901 §4). */
function unescapeToken(token: string, pointer: string, bodyPointer: string): string {
  let out = '';
  let start = 0;
  for (let at = token.indexOf('~'); at !== -1; at = token.indexOf('~', start)) {
    const next = token[at + 1];
    if (next !== '0' && next !== '1') {
      throw new PatchRequestError(bodyPointer, `JSON Pointer '${pointer}' has '~' not followed by '0' or '1'`);
    }
    out += token.slice(start, at) + (next === '0' ? '~' : '/');
    start = at + 2;
  }
  return out + token.slice(start);
}

/** Escapes one reference token (`~` first, so a literal `~1` survives the round trip). */
export function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Inverse of `parsePointer`. */
export function formatPointer(tokens: readonly string[]): string {
  let out = '';
  for (const token of tokens) out += '/' + escapeToken(token);
  return out;
}

/**
 * Array index of a token: `0` or `[1-9][0-9]*` (RFC 6901 §4: no leading zeros, no sign, no
 * exponent). Returns -1 when the token is not an index; `-` (past the end) is handled by
 * callers because only `add` accepts it. Very long digit strings yield a huge number (or
 * Infinity), which callers treat as out of range.
 */
export function parseArrayIndex(token: string): number {
  const length = token.length;
  if (length === 0) return -1;
  if (token.charCodeAt(0) === CHAR_0) return length === 1 ? 0 : -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const code = token.charCodeAt(i);
    if (code < CHAR_0 || code > CHAR_9) return -1;
    value = value * 10 + (code - CHAR_0);
  }
  return value;
}
