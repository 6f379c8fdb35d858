import { AuditLogEntity } from '../audit/audit-log.entity';
import { ApiClientEntity } from '../auth/api-clients/api-client.entity';
import { ContactEntity } from '../contacts/contact.entity';
import { CustomerObjectEntity } from '../customer-objects/customer-object.entity';
import { CustomerCommentEntity } from '../customers/comments/customer-comment.entity';
import { CustomFieldConfigEntity } from '../customers/custom-fields/custom-field-config.entity';
import { CustomerEntity } from '../customers/customer.entity';
import { ReferenceListItemNameEntity } from '../reference-lists/reference-list-item-name.entity';
import { ReferenceListItemEntity } from '../reference-lists/reference-list-item.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from '../webhooks/webhook-subscription.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { CompanySequenceEntity } from './company-sequence.entity';

/**
 * Every table, as an entity: the one place its columns are declared. Listed explicitly so the
 * app, the migration CLI and the schema test (test/schema.e2e-spec.ts) see the same set.
 */
export const ALL_ENTITIES = [
  ApiClientEntity,
  AuditLogEntity,
  CompanySequenceEntity,
  CustomerObjectEntity,
  ReferenceListItemEntity,
  ReferenceListItemNameEntity,
  ContactEntity,
  CustomerEntity,
  CustomFieldConfigEntity,
  CustomerCommentEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  IdempotencyKeyEntity,
];
