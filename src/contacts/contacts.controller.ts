import { UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { HistoryController, ResourceController, ResourceRoutes } from '../common/resource/resource-controllers';
import { ContactResource } from './contact.resource';
import { ContactLanguageInterceptor } from './contact-language.interceptor';
import { ContactsStore } from './contacts.store';

/** Seed 002: SuperOffice-style contacts. `user` may read, not write. */
const ROUTES: ResourceRoutes = {
  path: 'api/v1/Contact',
  tag: 'Contacts',
  type: ContactResource,
  store: ContactsStore,
  scopes: { read: 'contacts:read', write: 'contacts:write' },
  writers: ['admin', 'superadmin'],
  noun: 'contact',
  patchExamples: { merge: { Department: 'foo' }, jsonPatch: [{ op: 'replace', path: '/Department', value: 'foo' }] },
};

@ApiHeader({ name: 'Time-Zone', required: false, description: 'IANA zone for date-times in the response (also SO-TimeZone)' })
@ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), application/xml or text/xml' })
// Reference names in the request's language (API.md §3); history stays in the stored English.
@UseInterceptors(ContactLanguageInterceptor)
export class ContactsController extends ResourceController(ROUTES) {}

export class ContactsHistoryController extends HistoryController(ROUTES) {}
