import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { CustomerObjectsController, CustomerObjectsHistoryController } from './customer-objects.controller';
import { CustomerObjectsDefinition } from './customer-objects.definition';
import { CustomerObjectsPolicy } from './customer-objects.policy';
import { CustomerObjectsRepository } from './customer-objects.repository';

@Module({
  imports: [CustomersModule],
  controllers: [CustomerObjectsController, CustomerObjectsHistoryController],
  providers: [CustomerObjectsRepository, CustomerObjectsPolicy, CustomerObjectsDefinition],
})
export class CustomerObjectsModule {}
