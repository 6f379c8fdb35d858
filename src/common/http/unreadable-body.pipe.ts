import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { formatPointer } from '../patch/json-pointer';
import { findUnsafeMember } from '../patch/unsafe-keys';
import { badRequest, ProblemException } from './problem.exception';
import { UnreadableBody } from './body-parsers';

/**
 * Refuses an unreadable `@Body()` (400 bad JSON, 415 media type) and one naming `__proto__`,
 * `constructor` or `prototype` (400, as in patches: class-transformer would drop such a key
 * silently); patch routes read their bodies later, through the patch parsers.
 */
@Injectable()
export class UnreadableBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (value instanceof UnreadableBody) throw new ProblemException({ status: value.status, detail: value.detail });
    const unsafe = findUnsafeMember(value);
    if (unsafe) {
      const name = unsafe[unsafe.length - 1];
      throw badRequest('The body is invalid.', [{ pointer: formatPointer(unsafe), detail: `member name '${name}' is not allowed` }]);
    }
    return value;
  }
}
