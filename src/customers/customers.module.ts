import { Module } from '@nestjs/common';
import { CustomerCommentsController } from './comments/customer-comments.controller';
import { CustomerCommentsService } from './comments/customer-comments.service';
import { CustomFieldsController } from './custom-fields/custom-fields.controller';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomersLookup } from './customers-lookup.service';
import { CustomersController, CustomersHistoryController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomersStore } from './customers.store';

@Module({
  // Custom fields first: its static route /customers/custom-fields sits beside /customers/:id.
  controllers: [CustomFieldsController, CustomersController, CustomersHistoryController, CustomerCommentsController],
  providers: [CustomerCommentsService, CustomersStore, CustomersService, CustomerAccessPolicy, CustomFieldsService, CustomersLookup],
  exports: [CustomersLookup],
})
export class CustomersModule {}
