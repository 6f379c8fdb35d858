import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem.exception';
import { UnreadableBody } from './body-parsers';

/** Refuses an unreadable `@Body()` (400 bad JSON, 415 media type); patch routes read theirs later. */
@Injectable()
export class UnreadableBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && value instanceof UnreadableBody) {
      throw new ProblemException({ status: value.status, detail: value.detail });
    }
    return value;
  }
}
