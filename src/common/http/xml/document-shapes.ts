import type { HistoryEntry } from '../../../audit/audit.service';
import type { PatchOperation } from '../../patch';
import type { ProblemDocument } from '../problem-document';
import type { ProblemFieldError } from '../problem.exception';
import { DATA, fieldsShape, pageShape, XmlShape } from './xml-shape';

/**
 * Shapes of the documents the server itself defines (not resources). The `satisfies` checks
 * tie each to its TypeScript type, so a renamed member fails to compile instead of silently
 * becoming an `<entry>`.
 */

/** The named members of T, without its index signature (a problem's extension members). */
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** RFC 9457 members; extension members (e.g. OAuth's `error`) are written as entries. */
export const PROBLEM_SHAPE = fieldsShape({
  type: DATA,
  title: DATA,
  status: DATA,
  detail: DATA,
  instance: DATA,
  requestId: DATA,
  errors: fieldsShape({ pointer: DATA, detail: DATA } satisfies Record<keyof ProblemFieldError, XmlShape>),
} satisfies Record<DeclaredKeys<ProblemDocument>, XmlShape>);

/** A history page (API.md §1.8): an op's `value` is a piece of the record, hence data. */
export const HISTORY_PAGE_SHAPE = pageShape(
  fieldsShape({
    at: DATA,
    actor: fieldsShape({ sub: DATA, role: DATA } satisfies Record<keyof HistoryEntry['actor'], XmlShape>),
    requestId: DATA,
    kind: DATA,
    ops: fieldsShape({ op: DATA, path: DATA, from: DATA, value: DATA } satisfies Record<keyof PatchOperation, XmlShape>),
  } satisfies Record<keyof HistoryEntry, XmlShape>),
);
