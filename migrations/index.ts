import { CreateApiClients1732262400000 } from './1732262400000-create-api-clients';
import { CreateAuditLog1732262500000 } from './1732262500000-create-audit-log';
import { CreateCustomerObjects1732262600000 } from './1732262600000-create-customer-objects';
import { CreateContacts1732262700000 } from './1732262700000-create-contacts';
import { CreateCustomers1732262800000 } from './1732262800000-create-customers';
import { AddChangeFeedColumnsToAuditLog1732262900000 } from './1732262900000-add-change-feed-columns-to-audit-log';
import { CreateWebhooks1732263000000 } from './1732263000000-create-webhooks';
import { CreateIdempotencyKeys1732263100000 } from './1732263100000-create-idempotency-keys';
import { ListFilterIndexes1732263400000 } from './1732263400000-list-filter-indexes';
import { CustomerErasure1732263500000 } from './1732263500000-customer-erasure';
import { AddReferenceListNames1732264151000 } from './1732264151000-add-reference-list-names';
import { CreateCustomerComments1732264152000 } from './1732264152000-create-customer-comments';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and Jest load the same set. */
export const ALL_MIGRATIONS = [
  CreateApiClients1732262400000,
  CreateAuditLog1732262500000,
  CreateCustomerObjects1732262600000,
  CreateContacts1732262700000,
  CreateCustomers1732262800000,
  AddChangeFeedColumnsToAuditLog1732262900000,
  CreateWebhooks1732263000000,
  CreateIdempotencyKeys1732263100000,
  ListFilterIndexes1732263400000,
  CustomerErasure1732263500000,
  AddReferenceListNames1732264151000,
  CreateCustomerComments1732264152000,
];
