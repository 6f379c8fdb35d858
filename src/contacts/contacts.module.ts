import { Module } from '@nestjs/common';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { ContactsController, ContactsHistoryController } from './contacts.controller';
import { ContactsStore } from './contacts.store';

@Module({
  imports: [ReferenceListsModule],
  controllers: [ContactsController, ContactsHistoryController],
  providers: [ContactsStore],
})
export class ContactsModule {}
