import { Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { Preconditions, ReadPreconditions } from '../common/concurrency/preconditions';
import { Caller, CurrentCaller } from '../common/http/caller';
import { DryRun } from '../common/http/dry-run.decorator';
import { PatchBody } from '../common/patch/patch-body.decorator';
import { PatchBody as PatchBodyValue } from '../common/patch/patch-request';
import { ApiWrite } from '../common/resource/resource-api.decorators';
import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { ResourceResponse } from '../common/resource/resource-response';
import { ResourceService } from '../common/resource/resource.service';
import { CustomerResource } from './customer.resource';
import { CustomersService } from './customers.service';
import { CustomersStore } from './customers.store';
import { CustomerPutRequest } from './doors/customer-put.request';

const SEED_003_PUT = {
  Firstname: 'Anna',
  Lastname: 'Virtanen',
  Phone: '+358401234567',
  Email: 'anna.virtanen@example.com',
  CustomFields: [{ Id: 1, Value: '3' }],
  AccessKeys: [{ AccessKeyTypeId: 1, Value: 'DOOR-1234', Description: 'Front door' }],
  AccessKeysToDelete: [],
  SubscribedToNewsletter: false,
  InvoiceAddress: { InvoiceAddress1: 'Mannerheimintie 1', InvoiceCity: 'Helsinki', InvoicePostalCode: '00100', InvoiceCountryCode: 'FI' },
};

const SEED_004_PATCH = {
  CustomerId: 1,
  PersonalId: 'sample string 2',
  PersonalIdTypeId: 1,
  FirstName: 'sample string 4',
  TelNumber1: 'sample string 7',
  DOB: '2001-09-13T08:31:19.94723+10:00',
  Sex: 2,
  Notes: 'sample string 9',
  NotificationConsent: true,
  CustomProperties: { 'sample string 1': 'sample string 2' },
};

const ROUTES: ResourceRoutes = {
  path: 'customers',
  tag: 'Customers',
  type: CustomerResource,
  store: CustomersStore,
  scopes: { read: 'customers:read', write: 'customers:write' },
  // A user may PATCH its own customer (the store hides every other one: 404).
  writers: ['user', 'admin', 'superadmin'],
  noun: 'customer',
  patchExamples: {
    merge: { telNumber1: '+358401234567', notes: 'Prefers mornings' },
    jsonPatch: [{ op: 'replace', path: '/email', value: 'anna@example.com' }],
  },
};

/**
 * Customers (seeds 001, 003, 004): one record, three update doors. The shared routes (create,
 * list, get, PATCH of seed 001) plus seed 003's PUT and seed 004's PATCH by identifier. A
 * `user` sees and changes only its own customer; GDPR rules in CustomerAccessPolicy.
 */
// A decorator of its own makes TypeScript emit this constructor's parameter types for Nest's DI.
@ApiExtraModels(CustomerPutRequest)
export class CustomersController extends ResourceController(ROUTES) {
  constructor(
    resources: ResourceService,
    store: CustomersStore,
    private readonly customers: CustomersService,
  ) {
    super(resources, store);
  }

  @Put(':id')
  @RequireScope('customers:write')
  @ApiOperation({
    summary: 'Update an existing customer (seed 003)',
    description:
      'All fields optional; fields left out stay as they are. `customFields: [{id, value}]` sets values (checked against ' +
      'the company configs, each config at most once), `accessKeys` adds keys, `accessKeysToDelete: [{id}]` removes ' +
      'them, `invoiceAddress` is merged. Same preconditions, Prefer, dryRun, $select and audit as PATCH. Body ' +
      '`CompanyId` is ignored: use ?companyId=. The answer is the customer with `customFields`: the company\'s custom ' +
      'field configs (as at GET /customers/custom-fields), and `comments`, the newest 20. Seed 003\'s `ResponseStatus` ' +
      '(a ServiceStack envelope) is not carried: errors are RFC 9457 problems with the HTTP status instead.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CustomerPutRequest, examples: { seed003: { value: SEED_003_PUT } } })
  @ApiWrite(CustomerResource)
  replace(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @PatchBody() body: PatchBodyValue,
    @ReadPreconditions() preconditions: Preconditions,
    @DryRun() dryRun: boolean,
    @Query('companyId') companyId?: string,
  ): Promise<ResourceResponse> {
    return this.customers.put({ caller, id, companyId, body, preconditions, dryRun });
  }

  @Patch()
  @RequireScope('customers:write')
  @ApiOperation({
    summary: 'Update the customer named in the body (seed 004)',
    description:
      'The body names the record by `customerId` (the customer number), `id`, or `personalId` (+ `personalIdTypeId`); ' +
      'the rest is a merge patch. No match is 404; a personalId matching several customers is 409. Numbers and ' +
      'personalIds repeat across companies, so a superadmin naming the record by them must pass ?companyId= (400).',
  })
  @ApiConsumes('application/json', 'application/merge-patch+json')
  @ApiBody({ schema: { type: 'object' }, examples: { seed004: { value: SEED_004_PATCH } } })
  @ApiWrite(CustomerResource)
  updateByIdentifier(
    @CurrentCaller() caller: Caller,
    @PatchBody() body: PatchBodyValue,
    @ReadPreconditions() preconditions: Preconditions,
    @DryRun() dryRun: boolean,
    @Query('companyId') companyId?: string,
  ): Promise<ResourceResponse> {
    return this.customers.patchByIdentifier({ caller, companyId, body, preconditions, dryRun });
  }
}

export class CustomersHistoryController extends HistoryController(ROUTES) {}
