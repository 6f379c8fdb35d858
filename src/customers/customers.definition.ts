import { Injectable } from '@nestjs/common';
import { ResourceDefinition } from '../common/resource/resource-policy';
import { CustomerResource } from './customer.resource';
import { CustomersPolicy } from './customers.policy';
import { CustomersRepository } from './customers.repository';

/** Customers as the pipeline takes them (every door): resource class, repository, policy. */
@Injectable()
export class CustomersDefinition implements ResourceDefinition {
  readonly type = CustomerResource;

  constructor(
    readonly repository: CustomersRepository,
    readonly policy: CustomersPolicy,
  ) {}
}
