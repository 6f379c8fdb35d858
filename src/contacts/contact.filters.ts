import { ListFilter, UPDATED_SINCE } from '../common/resource/list-filters';

/** Filters of `GET /api/v1/Contact` (API.md §6). */
export const CONTACT_FILTERS: readonly ListFilter[] = [
  UPDATED_SINCE,
  { name: 'name', column: 'name', kind: 'text', description: 'Name, case-insensitive' },
  { name: 'orgNr', column: 'orgNr', kind: 'text', description: 'Organisation number, case-insensitive' },
  { name: 'department', column: 'department', kind: 'text', description: 'Department, case-insensitive' },
];
