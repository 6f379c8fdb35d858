/**
 * RFC 6902 application. Atomic: operations run on a private deep copy of the document, which
 * is returned only when every operation succeeded, so the caller's document is never mutated,
 * even when an operation in the middle fails.
 */
import { deepEqual } from './deep-equal';
import { formatPointer, parseArrayIndex, parsePointer } from './json-pointer';
import { cloneJson, hasOwn, isJsonObject, JSON_TEXT_EXPANSION, measureJson, memberBytes, type JsonObject, type JsonStats } from './json-value';
import { PatchRequestError, PatchTestFailedError, PatchTooLargeError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';
import { findUnsafeToken } from './unsafe-keys';

/** "No value here". A symbol, so it cannot be confused with any JSON value, `null` included. */
const ABSENT: unique symbol = Symbol('absent');
/** A token that can never address an element of an array (`01`, `1e0`, `-`, `foo`). */
const NOT_AN_INDEX: unique symbol = Symbol('not an index');

type Container = JsonObject | unknown[];
/** Member of an operation an error points at. */
type OpMember = 'op' | 'path' | 'from' | 'value';

/** What `token` names inside `container`, looking at own members only (`toString` is absent). */
function childOf(container: unknown, token: string): unknown {
  if (Array.isArray(container)) {
    const index = parseArrayIndex(token);
    if (index < 0) return NOT_AN_INDEX;
    return index < container.length ? container[index] : ABSENT;
  }
  if (isJsonObject(container)) return hasOwn(container, token) ? container[token] : ABSENT;
  return ABSENT; // scalars have no members
}

/**
 * Applies `ops` (normally from `parseJsonPatch`) to a copy of `doc` and returns the copy.
 * Values are copied into the document, so the result shares nothing with `doc` or `ops`.
 * `limits.maxOps` is not checked here (that is a request limit, see `parseJsonPatch`), so
 * operations generated from a merge patch are not capped by it.
 * @throws PatchRequestError (400), PatchTestFailedError (409), PatchTooLargeError (413);
 *   pointers are `/<op index>/<member>`.
 */
export function applyPatch<T>(doc: T, ops: readonly PatchOperation[], limits: PatchLimits): T {
  const run = new PatchRun(doc, limits);
  for (let i = 0; i < ops.length; i++) run.apply(ops[i], i);
  return run.finish() as T;
}

function isProperPrefix(prefix: readonly string[], tokens: readonly string[]): boolean {
  if (prefix.length >= tokens.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== tokens[i]) return false;
  }
  return true;
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** State of one `applyPatch` call: the working copy and the size guard. */
class PatchRun {
  private root: unknown;
  /** Index of the operation being applied, for error pointers. */
  private opIndex = 0;
  /**
   * Amplification guard (repeated `copy` doubles a document each time). It adds the size
   * lower bound of every written value and never subtracts removals, so it never
   * under-counts the document's lower bound and costs nothing per op. Only when it passes
   * the limit is the real lower bound measured (one walk), and the patch stopped if even
   * that is too large. A chain of copies is therefore stopped before the document's size
   * (in that lower-bound measure) reaches about twice the limit. New member names count too,
   * so the bound stays at least the result's lower bound, which `finish` relies on.
   */
  private bytesBound: number;

  constructor(
    doc: unknown,
    private readonly limits: PatchLimits,
  ) {
    const stats: JsonStats = { bytes: 0, depth: 0 };
    this.root = cloneJson(doc, stats);
    this.bytesBound = stats.bytes;
  }

  apply(op: PatchOperation, opIndex: number): void {
    this.opIndex = opIndex;
    switch (op.op) {
      case 'add':
        this.write('add', this.tokens(op.path, 'path'), this.requiredValue(op), 'value');
        return;
      case 'replace':
        this.write('replace', this.tokens(op.path, 'path'), this.requiredValue(op), 'value');
        return;
      case 'remove':
        this.remove(this.tokens(op.path, 'path'), 'path');
        return;
      case 'move':
        this.move(this.tokens(op.from, 'from'), this.tokens(op.path, 'path'));
        return;
      case 'copy': {
        const from = this.tokens(op.from, 'from');
        this.write('add', this.tokens(op.path, 'path'), this.get(from, 'from'), 'path');
        return;
      }
      case 'test':
        this.test(this.tokens(op.path, 'path'), this.requiredValue(op));
        return;
      default:
        throw this.error('op', `unknown op '${String((op as { op: unknown }).op)}'`);
    }
  }

  /**
   * Final size check, exact when it matters: a result whose bound times JSON_TEXT_EXPANSION
   * fits the limit fits without being serialized (a record of a few KB against a 1 MB limit);
   * only a larger one is measured by its `JSON.stringify`.
   */
  finish(): unknown {
    if (this.bytesBound * JSON_TEXT_EXPANSION <= this.limits.maxDocumentBytes) return this.root;
    const bytes = Buffer.byteLength(JSON.stringify(this.root) ?? '');
    if (bytes > this.limits.maxDocumentBytes) throw new PatchTooLargeError('', bytes, this.limits.maxDocumentBytes);
    return this.root;
  }

  private error(member: OpMember, detail: string): PatchRequestError {
    return new PatchRequestError(`/${this.opIndex}/${member}`, detail);
  }

  /** Parses `path`/`from` again: operations may come from code rather than `parseJsonPatch`. */
  private tokens(pointer: unknown, member: 'path' | 'from'): string[] {
    if (typeof pointer !== 'string') throw this.error(member, `member '${member}' must be a string (a JSON Pointer)`);
    const tokens = parsePointer(pointer, `/${this.opIndex}/${member}`);
    const unsafe = findUnsafeToken(tokens);
    if (unsafe !== -1) throw this.error(member, `'${tokens[unsafe]}' is not allowed in a path`);
    return tokens;
  }

  private requiredValue(op: PatchOperation): unknown {
    if (op.value === undefined) throw this.error('value', `member 'value' is required for '${op.op}'`);
    return op.value;
  }

  /**
   * Writes a private copy of `value` (so no two locations, operations or requests share
   * objects), after checking the nesting it creates, then feeds the size guard.
   */
  private write(mode: 'add' | 'replace', path: string[], value: unknown, blame: OpMember): void {
    const stats: JsonStats = { bytes: 0, depth: 0 };
    const copy = cloneJson(value, stats);
    this.checkDepth(path.length + stats.depth, blame);
    if (mode === 'add') this.add(path, copy);
    else this.replace(path, copy);
    this.grow(stats.bytes);
  }

  private checkDepth(depth: number, blame: OpMember): void {
    if (depth > this.limits.maxDepth) {
      throw this.error(blame, `the document would nest ${depth} levels deep, more than the limit of ${this.limits.maxDepth}`);
    }
  }

  private grow(bytes: number): void {
    this.bytesBound += bytes;
    if (this.bytesBound <= this.limits.maxDocumentBytes) return;
    this.bytesBound = measureJson(this.root).bytes;
    if (this.bytesBound > this.limits.maxDocumentBytes) {
      throw new PatchTooLargeError(`/${this.opIndex}`, this.bytesBound, this.limits.maxDocumentBytes);
    }
  }

  /** RFC 6902 §4.1: object member is created or replaced; array element is inserted (`-` appends). */
  private add(path: string[], value: unknown): void {
    if (path.length === 0) {
      this.root = value;
      return;
    }
    const parent = this.parent(path, 'path');
    const token = path[path.length - 1];
    if (Array.isArray(parent)) {
      const index = token === '-' ? parent.length : parseArrayIndex(token);
      if (index < 0) throw this.notAnIndex(token, 'path');
      if (index > parent.length) throw this.outOfRange(token, parent.length, 'path');
      parent.splice(index, 0, value);
    } else {
      if (!hasOwn(parent, token)) this.bytesBound += memberBytes(token);
      parent[token] = value; // safe: unsafe tokens were rejected, so this never reaches a prototype
    }
  }

  /** RFC 6902 §4.2: the target must exist. Returns the removed value (for `move`). */
  private remove(path: string[], member: 'path' | 'from'): unknown {
    if (path.length === 0) throw this.error(member, 'the whole document cannot be removed');
    const parent = this.parent(path, member);
    const token = path[path.length - 1];
    if (Array.isArray(parent)) return parent.splice(this.existingIndex(parent, token, member), 1)[0];
    if (!hasOwn(parent, token)) throw this.missing(path, member);
    const value = parent[token];
    delete parent[token];
    return value;
  }

  /** RFC 6902 §4.3: like remove then add, so the target must exist. */
  private replace(path: string[], value: unknown): void {
    if (path.length === 0) {
      this.root = value;
      return;
    }
    const parent = this.parent(path, 'path');
    const token = path[path.length - 1];
    if (Array.isArray(parent)) {
      parent[this.existingIndex(parent, token, 'path')] = value;
    } else {
      if (!hasOwn(parent, token)) throw this.missing(path, 'path');
      parent[token] = value;
    }
  }

  /** RFC 6902 §4.4: remove then add; `from` must not be a proper prefix of `path`. */
  private move(from: string[], path: string[]): void {
    if (isProperPrefix(from, path)) {
      throw this.error('path', `cannot move '${formatPointer(from)}' into its own child '${formatPointer(path)}'`);
    }
    const value = this.get(from, 'from'); // must exist even when the move is a no-op
    if (sameTokens(from, path)) return;
    // Moving deeper can only be checked by measuring the moved value; moving up or sideways cannot add depth.
    if (path.length > from.length) this.checkDepth(path.length + measureJson(value).depth, 'path');
    this.remove(from, 'from');
    this.add(path, value); // the value moves as is: it already belongs to the working copy
  }

  /** RFC 6902 §4.6. A missing target is a failed test (409), like an unequal value. */
  private test(path: string[], expected: unknown): void {
    const actual = this.resolve(path, path.length, 'path');
    if (actual === ABSENT) {
      throw new PatchTestFailedError(`/${this.opIndex}/path`, `test failed: there is no value at '${formatPointer(path)}'`);
    }
    if (!deepEqual(actual, expected)) {
      throw new PatchTestFailedError(
        `/${this.opIndex}/value`,
        `test failed: the value at '${formatPointer(path)}' is not equal to the expected value`,
      );
    }
  }

  private get(path: string[], member: 'path' | 'from'): unknown {
    const value = this.resolve(path, path.length, member);
    if (value === ABSENT) throw this.missing(path, member);
    return value;
  }

  /** The container holding the last token of `path`, which must exist. */
  private parent(path: string[], member: 'path' | 'from'): Container {
    const parent = this.resolve(path, path.length - 1, member);
    if (parent === ABSENT) throw this.missing(path.slice(0, -1), member);
    if (typeof parent !== 'object' || parent === null) {
      throw this.error(member, `'${formatPointer(path.slice(0, -1))}' is not an object or array`);
    }
    return parent as Container;
  }

  /** Value at the first `count` tokens, or ABSENT. Tokens that cannot index an array are request errors. */
  private resolve(path: string[], count: number, member: 'path' | 'from'): unknown {
    let current = this.root;
    for (let i = 0; i < count; i++) {
      current = childOf(current, path[i]);
      if (current === NOT_AN_INDEX) throw this.notAnIndex(path[i], member);
      if (current === ABSENT) return ABSENT;
    }
    return current;
  }

  private existingIndex(array: unknown[], token: string, member: 'path' | 'from'): number {
    const index = parseArrayIndex(token);
    if (index < 0) throw this.notAnIndex(token, member);
    if (index >= array.length) throw this.outOfRange(token, array.length, member);
    return index;
  }

  private missing(path: string[], member: 'path' | 'from'): PatchRequestError {
    return this.error(member, `there is no value at '${formatPointer(path)}'`);
  }

  private notAnIndex(token: string, member: 'path' | 'from'): PatchRequestError {
    if (token === '-') return this.error(member, "'-' (past the end of an array) can only be the target of 'add'");
    return this.error(member, `'${token}' is not an array index (digits without leading zeros)`);
  }

  private outOfRange(token: string, length: number, member: 'path' | 'from'): PatchRequestError {
    return this.error(member, `array index ${token} is out of range: the array has ${length} elements`);
  }
}
