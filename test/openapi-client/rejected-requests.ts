/**
 * Compile-time tests of the generated types, checked by `npm run check` (tsc --strict): each
 * request below is one the server refuses, and each must fail to compile. If the document
 * loosened a body again (the old `Resource | object[]` for every patch media type), the
 * `@ts-expect-error` above it would itself become an error. Never called at run time.
 */
import type { Client } from 'openapi-fetch';
import type { paths } from './schema';

export function requestsTheTypesRefuse(api: Client<paths>, id: string): Promise<unknown>[] {
  return [
    // @ts-expect-error a PATCH body is a merge patch object or an array of operations, not a number
    api.PATCH('/v2/objects/{id}', { params: { path: { id } }, body: 42 }),
    // @ts-expect-error a JSON Patch `add` needs its value
    api.PATCH('/v2/objects/{id}', { params: { path: { id } }, body: [{ op: 'add', path: '/tags/-' }] }),
    // @ts-expect-error `move` needs `from`
    api.PATCH('/api/v1/Contact/{id}', { params: { path: { id } }, body: [{ op: 'move', path: '/name' }] }),
    // @ts-expect-error there is no `rename` operation
    api.PATCH('/customers/{id}', { params: { path: { id } }, body: [{ op: 'rename', path: '/name', value: 'x' }] }),
    // @ts-expect-error a customer object's name is a string
    api.PATCH('/v2/objects/{id}', { params: { path: { id } }, body: { name: 5 } }),
    // @ts-expect-error seed 004 names the customer by its number, an integer
    api.PATCH('/customers', { body: { customerId: 'one' } }),
    // @ts-expect-error a custom field's dataType is one of five names
    api.POST('/customers/custom-fields', { body: { name: 'Size', dataType: 'Color' } }),
    // @ts-expect-error only the client credentials grant exists
    api.POST('/auth/token', { body: { grant_type: 'password' } }),
  ];
}
