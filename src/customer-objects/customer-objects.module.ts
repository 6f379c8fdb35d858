import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { CustomerObjectsController, CustomerObjectsHistoryController } from './customer-objects.controller';
import { CustomerObjectsStore } from './customer-objects.store';

@Module({
  imports: [CustomersModule],
  controllers: [CustomerObjectsController, CustomerObjectsHistoryController],
  providers: [CustomerObjectsStore],
})
export class CustomerObjectsModule {}
