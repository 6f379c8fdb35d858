import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { ContactResource } from './contact.resource';
import { ReferenceNamesInLanguage } from '../reference-lists/content-language';
import { ContactLocalizer } from './contact-localizer';
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
  // Seed 002's own sample: its PascalCase path binds because paths are case-insensitive.
  patchExamples: { merge: { department: 'foo' }, jsonPatch: [{ op: 'replace', path: '/Department', value: 'foo' }] },
};

// Reference names in the request's language (API.md §3); history stays in the stored English.
@ReferenceNamesInLanguage(ContactLocalizer)
export class ContactsController extends ResourceController(ROUTES) {}

export class ContactsHistoryController extends HistoryController(ROUTES) {}
