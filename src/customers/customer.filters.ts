import { ListFilter, UPDATED_SINCE } from '../common/resource/list-filters';

/** Filters of `GET /customers` (API.md §6); email and lastName are GDPR-protected (§1.3). */
export const CUSTOMER_FILTERS: readonly ListFilter[] = [
  UPDATED_SINCE,
  { name: 'customerNumber', column: 'customerNumber', kind: 'integer', description: 'The customer number (seed 004 customerId)' },
  { name: 'personalId', column: 'personalId', kind: 'text', description: 'Personal id, case-insensitive' },
  {
    name: 'personalIdTypeId',
    column: 'personalIdTypeId',
    kind: 'integer',
    requires: 'personalId',
    description: 'Narrows personalId to one id type (only with personalId)',
  },
  {
    name: 'email',
    column: 'email',
    kind: 'text',
    protected: true,
    description: 'E-mail, case-insensitive. GDPR: without scope gdpr, restricted and secret customers never match',
  },
  {
    name: 'lastName',
    column: 'lastName',
    kind: 'text',
    protected: true,
    description: 'Last name, case-insensitive. GDPR: without scope gdpr, restricted and secret customers never match',
  },
  // An account id (a token's sub) is an identifier: matched exactly.
  { name: 'userId', column: 'userId', kind: 'exact-text', description: 'The linked account (token sub), exact' },
  { name: 'isActive', column: 'isActive', kind: 'boolean', description: 'true or false' },
];
