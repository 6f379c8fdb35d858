import { Inject, Patch, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, SchemaObject } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { mergePatchRef } from '../common/resource/openapi-schemas';
import { ApiRecordId, ApiWrite } from '../common/resource/resource-api.decorators';
import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { ResourceResponse } from '../common/resource/resource-response';
import { RecordWriteInput, ResourceService, WriteInput } from '../common/resource/resource.service';
import { RecordWriteOf, WriteInputOf } from '../common/resource/write-input.decorator';
import { CustomerResource } from './customer.resource';
import { CustomersService } from './customers.service';
import { CustomersDefinition } from './customers.definition';
import { CustomerPutRequest } from './put-customer/customer-put.request';
import { CUSTOMER_FILTERS } from './customer.filters';

/** Seed 003's PUT sample in camelCase; custom field values are left out as a fresh company has no configs. */
const SEED_003_PUT = {
  firstName: 'Anna',
  lastName: 'Virtanen',
  phone: '+358401234567',
  email: 'anna.virtanen@example.com',
  accessKeys: [{ accessKeyTypeId: 1, value: 'DOOR-1234', description: 'Front door' }],
  accessKeysToDelete: [],
  subscribedToNewsletter: false,
  invoiceAddress: { invoiceAddress1: 'Mannerheimintie 1', invoiceCity: 'Helsinki', invoicePostalCode: '00100', invoiceCountryCode: 'FI' },
};

/** Seed 004's sample in camelCase, with values the schema accepts. */
const SEED_004_PATCH = {
  customerId: 1,
  firstName: 'Anna',
  phone: '+358401234567',
  dateOfBirth: '2001-09-13',
  sex: 2,
  notes: 'Prefers mornings',
  notificationConsent: true,
  customProperties: { preferredContact: 'sms' },
};

/** Seed 004: the identifying members, then the rest of the body is the customer's merge patch. */
const IDENTIFIER_PATCH = {
  allOf: [
    mergePatchRef(CustomerResource.name),
    {
      type: 'object',
      properties: {
        customerId: { type: 'integer', description: 'The customer number (seed 004 `CustomerId`)' },
        id: { type: 'string', format: 'uuid', description: 'The customer id' },
      },
    },
  ],
} satisfies SchemaObject;

const ROUTES: ResourceRoutes = {
  path: 'customers',
  tag: 'Customers',
  type: CustomerResource,
  definition: CustomersDefinition,
  scopes: { read: 'customers:read', write: 'customers:write' },
  // A user may PATCH its own customer (the store hides every other one: 404).
  writers: ['user', 'admin', 'superadmin'],
  filters: CUSTOMER_FILTERS,
  noun: 'customer',
  patchExamples: {
    merge: { phone: '+358401234567', notes: 'Prefers mornings' },
    jsonPatch: [{ op: 'replace', path: '/email', value: 'anna@example.com' }],
  },
};

/**
 * Customers (seeds 001, 003, 004): one record, three update doors. The shared routes (create,
 * list, get, PATCH of seed 001) plus seed 003's PUT and seed 004's PATCH by identifier. A
 * `user` sees and changes only its own customer; GDPR rules in CustomerAccessPolicy.
 */
export class CustomersController extends ResourceController(ROUTES) {
  // Tokens named explicitly: a class without decorators of its own gets no parameter types emitted.
  constructor(
    @Inject(ResourceService) resources: ResourceService,
    @Inject(CustomersDefinition) definition: CustomersDefinition,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {
    super(resources, definition);
  }

  @Put(':id')
  @RequireScope('customers:write')
  @ApiOperation({
    summary: 'Update an existing customer (seed 003)',
    description:
      'All fields optional; fields left out stay as they are. `customFields: [{id, value}]` sets values (checked against ' +
      'the company configs, each config at most once), `accessKeys` adds keys, `accessKeysToDelete: [{id}]` removes ' +
      'them, `invoiceAddress` is merged. Same preconditions, Prefer, dryRun, $select and audit as PATCH. Body ' +
      '`CompanyId` is ignored: use ?companyId=. Names are case-insensitive, so the seed\'s PascalCase (`Firstname`, ' +
      '`AccessKeysToDelete`) binds. The answer is the customer with `customFields`: the company\'s custom ' +
      'field configs (as at GET /customers/custom-fields), and `comments`, the newest 20. Seed 003\'s `ResponseStatus` ' +
      '(a ServiceStack envelope) is not carried: errors are RFC 9457 problems with the HTTP status instead.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CustomerPutRequest, examples: { seed003: { summary: 'Seed 003', value: SEED_003_PUT } } })
  @ApiWrite(CustomerResource)
  @ApiRecordId()
  replace(@RecordWriteOf() request: RecordWriteInput): Promise<ResourceResponse> {
    return this.customers.put(request);
  }

  @Patch()
  @RequireScope('customers:write')
  @ApiOperation({
    summary: 'Update the customer named in the body (seed 004)',
    description:
      'The body names the record by `customerId` (the customer number), `id`, or `personalId` (+ `personalIdTypeId`); ' +
      'the rest is a merge patch. No match is 404; a personalId matching several customers is 409. Numbers and ' +
      'personalIds repeat across companies, so a superadmin naming the record by them must pass ?companyId= (400). ' +
      'Names are case-insensitive and the seed\'s own spellings bind (`CustomerId`, `PersonalId`, `TelNumber1`, `DOB`).',
  })
  @ApiConsumes('application/json', 'application/merge-patch+json')
  @ApiBody({ schema: IDENTIFIER_PATCH, examples: { seed004: { summary: 'Seed 004', value: SEED_004_PATCH } } })
  @ApiWrite(CustomerResource)
  updateByIdentifier(@WriteInputOf() input: WriteInput): Promise<ResourceResponse> {
    return this.customers.patchByIdentifier(input);
  }
}

export class CustomersHistoryController extends HistoryController(ROUTES) {}
