import { conflict } from '../../common/http/problem.exception';
import { JsonObject } from '../../common/resource/document-checks';

/** An erased customer (API.md §6) is kept only so references stay valid: every later write is 409. */
export function assertNotErased(document: JsonObject): void {
  if (document.erasedAt != null) {
    throw conflict('The customer was erased (GDPR); it cannot be changed.', [{ pointer: '/erasedAt', detail: 'is set' }]);
  }
}
