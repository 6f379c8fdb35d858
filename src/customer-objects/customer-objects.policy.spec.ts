import { CustomersLookup } from '../customers/customers-lookup.service';
import { documentOf } from '../common/resource/resource-document.fixture';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectsPolicy } from './customer-objects.policy';

const KNOWN = '0b5f8f43-6f0e-4f57-9d3e-2d7f8f0c1a11';
const object = (customerId: string | null) => documentOf(CustomerObjectResource, { customerId });

describe('CustomerObjectsPolicy', () => {
  const asked: string[] = [];
  const customers = {
    existsInCompany: async (_manager: unknown, _companyId: string, id: string) => {
      asked.push(id);
      return id === KNOWN;
    },
  } as unknown as CustomersLookup;
  const policy = new CustomerObjectsPolicy(customers);

  beforeEach(() => (asked.length = 0));

  it('accepts a customerId of a customer of the company', async () => {
    expect(await policy.checkReferences(undefined as never, 'c', object(KNOWN))).toEqual([]);
  });

  it('refuses a customerId that names no customer of the company', async () => {
    expect(await policy.checkReferences(undefined as never, 'c', object('other'))).toEqual([
      { pointer: '/customerId', detail: 'is not a customer of this company' },
    ]);
  });

  it('does not ask again about an unchanged customerId, nor about none', async () => {
    expect(await policy.checkReferences(undefined as never, 'c', object('gone'), object('gone'))).toEqual([]);
    expect(await policy.checkReferences(undefined as never, 'c', object(null))).toEqual([]);
    expect(asked).toEqual([]);
  });
});
