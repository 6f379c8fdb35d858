import { Injectable } from '@nestjs/common';
import { ResourceDefinition } from '../common/resource/resource-policy';
import { ContactResource } from './contact.resource';
import { ContactsPolicy } from './contacts.policy';
import { ContactsRepository } from './contacts.repository';

/** Contacts as the pipeline takes them: resource class, repository, policy. */
@Injectable()
export class ContactsDefinition implements ResourceDefinition {
  readonly type = ContactResource;

  constructor(
    readonly repository: ContactsRepository,
    readonly policy: ContactsPolicy,
  ) {}
}
