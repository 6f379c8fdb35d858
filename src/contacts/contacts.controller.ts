import { ApiHeader } from '@nestjs/swagger';
import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { ContactResource } from './contact.resource';
import { ContactsDefinition } from './contacts.definition';
import { CONTACT_FILTERS } from './contact.filters';

/** Seed 002: SuperOffice-style contacts. `user` may read, not write. */
const ROUTES: ResourceRoutes = {
  path: 'api/v1/Contact',
  tag: 'Contacts',
  type: ContactResource,
  definition: ContactsDefinition,
  scopes: { read: 'contacts:read', write: 'contacts:write' },
  writers: ['admin', 'superadmin'],
  filters: CONTACT_FILTERS,
  noun: 'contact',
  patchExamples: { merge: { Department: 'foo' }, jsonPatch: [{ op: 'replace', path: '/Department', value: 'foo' }] },
};

@ApiHeader({ name: 'Time-Zone', required: false, description: 'IANA zone for date-times in the response (also SO-TimeZone)' })
@ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), application/xml or text/xml' })
export class ContactsController extends ResourceController(ROUTES) {}

export class ContactsHistoryController extends HistoryController(ROUTES) {}
