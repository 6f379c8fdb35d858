import { Injectable } from '@nestjs/common';
import { ResourceDefinition } from '../common/resource/resource-policy';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectsPolicy } from './customer-objects.policy';
import { CustomerObjectsRepository } from './customer-objects.repository';

/** Customer objects as the pipeline takes them: resource class, repository, policy. */
@Injectable()
export class CustomerObjectsDefinition implements ResourceDefinition {
  readonly type = CustomerObjectResource;

  constructor(
    readonly repository: CustomerObjectsRepository,
    readonly policy: CustomerObjectsPolicy,
  ) {}
}
