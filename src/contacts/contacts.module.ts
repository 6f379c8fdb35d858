import { Module } from '@nestjs/common';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { ContactsHistoryController } from './contacts-history.controller';
import { ContactsController } from './contacts.controller';
import { ContactsStore } from './contacts.store';

@Module({
  imports: [ReferenceListsModule],
  controllers: [ContactsController, ContactsHistoryController],
  providers: [ContactsStore],
})
export class ContactsModule {}
