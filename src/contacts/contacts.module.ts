import { Module } from '@nestjs/common';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { ContactLocalizer } from './contact-localizer';
import { ContactsController, ContactsHistoryController } from './contacts.controller';
import { ContactsDefinition } from './contacts.definition';
import { ContactsPolicy } from './contacts.policy';
import { ContactsRepository } from './contacts.repository';

@Module({
  imports: [ReferenceListsModule],
  controllers: [ContactsController, ContactsHistoryController],
  providers: [ContactsRepository, ContactsPolicy, ContactsDefinition, ContactLocalizer],
})
export class ContactsModule {}
