import { Module } from '@nestjs/common';
import { CustomerCommentsController } from './comments/customer-comments.controller';
import { CustomerCommentsService } from './comments/customer-comments.service';
import { CustomFieldsController } from './custom-fields/custom-fields.controller';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomersLookup } from './customers-lookup.service';
import { CustomersController, CustomersHistoryController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomersDefinition } from './customers.definition';
import { CustomersPolicy } from './customers.policy';
import { CustomersRepository } from './customers.repository';
import { CustomerGdprController } from './gdpr/customer-gdpr.controller';
import { CustomerGdprService } from './gdpr/customer-gdpr.service';
import { CustomerLocator } from './patch-by-identifier/customer-locator';

@Module({
  // Fastify's router tries static segments before parameters, so /customers/custom-fields never
  // reaches /customers/:id whatever order the controllers are listed in.
  controllers: [CustomersController, CustomersHistoryController, CustomerGdprController, CustomFieldsController, CustomerCommentsController],
  providers: [
    CustomerCommentsService,
    CustomersRepository,
    CustomersPolicy,
    CustomersDefinition,
    CustomersService,
    CustomerAccessPolicy,
    CustomFieldsService,
    CustomersLookup,
    CustomerLocator,
    CustomerGdprService,
  ],
  exports: [CustomersLookup],
})
export class CustomersModule {}
