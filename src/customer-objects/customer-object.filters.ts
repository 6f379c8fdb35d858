import { ListFilter, UPDATED_SINCE } from '../common/resource/list-filters';

/** Filters of `GET /v2/objects` (API.md §6). */
export const CUSTOMER_OBJECT_FILTERS: readonly ListFilter[] = [
  UPDATED_SINCE,
  { name: 'number', column: 'number', kind: 'integer', description: 'The object number' },
  { name: 'customerId', column: 'customerId', kind: 'uuid', description: 'Objects of this customer' },
  { name: 'name', column: 'name', kind: 'text', description: 'Name, case-insensitive' },
];
