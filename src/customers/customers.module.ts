import { Module } from '@nestjs/common';
import { CustomFieldsController } from './custom-fields/custom-fields.controller';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomersLookup } from './customers-lookup.service';
import { CustomersController, CustomersHistoryController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomersDefinition } from './customers.definition';
import { CustomersPolicy } from './customers.policy';
import { CustomersRepository } from './customers.repository';
import { CustomerLocator } from './doors/customer-locator';

@Module({
  // Custom fields first: its static route /customers/custom-fields sits beside /customers/:id.
  controllers: [CustomFieldsController, CustomersController, CustomersHistoryController],
  providers: [CustomersRepository, CustomersPolicy, CustomersDefinition, CustomersService, CustomerAccessPolicy, CustomFieldsService, CustomersLookup, CustomerLocator],
  exports: [CustomersLookup],
})
export class CustomersModule {}
