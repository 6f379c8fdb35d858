import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectsDefinition } from './customer-objects.definition';
import { CUSTOMER_OBJECT_FILTERS } from './customer-object.filters';

/** Seed 000: buildings and sites where services are performed. `user` may read, not write. */
const ROUTES: ResourceRoutes = {
  path: 'v2/objects',
  tag: 'CustomerObjects',
  type: CustomerObjectResource,
  definition: CustomerObjectsDefinition,
  scopes: { read: 'objects:read', write: 'objects:write' },
  writers: ['admin', 'superadmin'],
  filters: CUSTOMER_OBJECT_FILTERS,
  noun: 'customer object',
  patchExamples: {
    merge: { name: 'Main office', contact: { phone: '+358 9 123 4567' } },
    jsonPatch: [
      { op: 'test', path: '/name', value: 'Head office' },
      { op: 'replace', path: '/name', value: 'Main office' },
    ],
  },
};

export class CustomerObjectsController extends ResourceController(ROUTES) {}
export class CustomerObjectsHistoryController extends HistoryController(ROUTES) {}
