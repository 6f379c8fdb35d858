import { Module } from '@nestjs/common';
import { CustomerObjectsHistoryController } from './customer-objects-history.controller';
import { CustomerObjectsController } from './customer-objects.controller';
import { CustomerObjectsStore } from './customer-objects.store';

@Module({
  controllers: [CustomerObjectsController, CustomerObjectsHistoryController],
  providers: [CustomerObjectsStore],
})
export class CustomerObjectsModule {}
