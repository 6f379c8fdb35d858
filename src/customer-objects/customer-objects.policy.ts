import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemFieldError } from '../common/http/problem.exception';
import { ResourcePolicy } from '../common/resource/resource-policy';
import { CustomersLookup } from '../customers/customers-lookup.service';
import { CustomerObjectDocument } from './customer-object.resource';

/** Customer objects (seed 000): the tenant scope decides visibility; one rule of their own. */
@Injectable()
export class CustomerObjectsPolicy extends ResourcePolicy<CustomerObjectDocument> {
  constructor(private readonly customers: CustomersLookup) {
    super();
  }

  /** `customerId` must name a Customer of the same company (API.md §2), asked of the Customers module. */
  override async checkReferences(
    manager: EntityManager,
    companyId: string,
    document: CustomerObjectDocument,
    before?: CustomerObjectDocument,
  ): Promise<ProblemFieldError[]> {
    const { customerId } = document;
    if (typeof customerId !== 'string' || customerId === before?.customerId) return []; // checked when it was set
    if (await this.customers.existsInCompany(manager, companyId, customerId)) return [];
    return [{ pointer: '/customerId', detail: 'is not a customer of this company' }];
  }
}
