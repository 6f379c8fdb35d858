import { Type as ClassType } from '@nestjs/common';
import { completeShape } from './document-checks';
import { ResourceDocument } from './resource-document';
import { resourceSchema } from './resource-registry';

/** For unit specs: a document of `type` with the given fields and null elsewhere, as a stored one is complete. */
export function documentOf<T>(type: ClassType<T>, fields: Partial<ResourceDocument<T>> = {}): ResourceDocument<T> {
  return completeShape(resourceSchema(type), fields) as ResourceDocument<T>;
}
