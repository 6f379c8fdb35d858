/*
 * The app's own statements, copied verbatim (text and parameter order) from what it sends
 * PostgreSQL: src/database/record-table.ts builds them from entity metadata at start-up.
 * test/bench-statements.e2e-spec.ts fails when a named one here differs from the app's;
 * `UPDATE_BENCH_STATEMENTS=1 npx jest test/bench-statements.e2e-spec.ts` copies them again.
 * No app code is imported: the raw server stays bare Fastify + pg.
 */

/** A named prepared statement with the names of its `$n` parameters, in order. */
export interface AppStatement {
  name?: string;
  text: string;
  names: readonly string[];
}

/** The values in `$n` order; a missing one is a bug in the raw route. */
export function bind(statement: AppStatement, values: Readonly<Record<string, unknown>>): unknown[] {
  return statement.names.map((name) => {
    if (!(name in values)) throw new Error(`${statement.name ?? 'statement'}: no value for ${name}`);
    return values[name];
  });
}

/** The lookup of GET, PATCH and PUT (lock false): CustomerObjectsRepository.find. */
export const OBJECT_SELECT: AppStatement = {
  name: "customer-objects.select",
  text: `SELECT t."company_id" AS "companyId", t."id" AS "id", t."number" AS "number", t."chat_id" AS "chatId", t."customer_id" AS "customerId", t."name" AS "name", t."status" AS "status", t."status_created_at" AS "statusCreatedAt", t."status_created_by" AS "statusCreatedBy", t."status_last_modified_at" AS "statusLastModifiedAt", t."status_last_modified_by" AS "statusLastModifiedBy", t."contact" AS "contact", t."contract" AS "contract", t."object_manager_id" AS "objectManagerId", t."material" AS "material", t."address" AS "address", t."location" AS "location", t."rating" AS "rating", t."description" AS "description", t."security_code" AS "securityCode", t."key" AS "key", t."order_description" AS "orderDescription", t."contact_name" AS "contactName", t."invoice_recipient_id" AS "invoiceRecipientId", t."invoice_cc_recipient_ids" AS "invoiceCCRecipientIds", t."service_recipient" AS "serviceRecipient", t."contact_ids" AS "contactIds", t."tags" AS "tags", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM "customer_objects" t WHERE t."id" = $1 AND ($2::uuid IS NULL OR t."company_id" = $2)`,
  names: ["id","companyId"],
};

/** CustomerObjectsRepository.update: every writable column, version-checked, with its audit row. */
export const OBJECT_UPDATE: AppStatement = {
  name: "customer-objects.update",
  text: `WITH written AS (UPDATE "customer_objects" SET "customer_id" = $1, "name" = $2, "status" = $3, "status_last_modified_at" = $4, "status_last_modified_by" = $5, "contact" = $6, "contract" = $7, "object_manager_id" = $8, "material" = $9, "address" = $10, "location" = $11, "rating" = $12, "description" = $13, "security_code" = $14, "key" = $15, "order_description" = $16, "contact_name" = $17, "invoice_recipient_id" = $18, "invoice_cc_recipient_ids" = $19, "service_recipient" = $20, "contact_ids" = $21, "tags" = $22, "updated_at" = $23,
            "version" = "version" + 1
          WHERE "company_id" = $24 AND "id" = $25 AND "version" = $26
          RETURNING "company_id", "id", "number", "chat_id", "customer_id", "status_created_at", "status_created_by", "status_last_modified_at", "version", "created_at", "updated_at"),
    audited AS (INSERT INTO "audit_log" ("company_id", "resource", "resource_id", "at", "actor_sub", "actor_role", "request_id", "kind", "ops", "version", "change", "reason") SELECT "company_id", $27, "id"::text, $28, $29, $30, $31, $32::text, $33, "version", CASE WHEN $32::text = 'erased' THEN 'erased' WHEN "version" = 1 THEN 'created' ELSE 'updated' END, $34::text FROM written)
    SELECT t."company_id" AS "companyId", t."id" AS "id", t."number" AS "number", t."chat_id" AS "chatId", t."customer_id" AS "customerId", t."status_created_at" AS "statusCreatedAt", t."status_created_by" AS "statusCreatedBy", t."status_last_modified_at" AS "statusLastModifiedAt", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM written t`,
  names: ["customerId","name","status","statusLastModifiedAt","statusLastModifiedBy","contact","contract","objectManagerId","material","address","location","rating","description","securityCode","key","orderDescription","contactName","invoiceRecipientId","invoiceCCRecipientIds","serviceRecipient","contactIds","tags","updatedAt","companyId","id","version","auditResource","auditAt","auditActorSub","auditActorRole","auditRequestId","auditKind","auditOps","auditReason"],
};

/** The first page of GET /v2/objects without filters, for one company. */
export const OBJECT_LIST: AppStatement = {
  name: "customer-objects.list",
  text: `SELECT t."company_id" AS "companyId", t."id" AS "id", t."number" AS "number", t."chat_id" AS "chatId", t."customer_id" AS "customerId", t."name" AS "name", t."status" AS "status", t."status_created_at" AS "statusCreatedAt", t."status_created_by" AS "statusCreatedBy", t."status_last_modified_at" AS "statusLastModifiedAt", t."status_last_modified_by" AS "statusLastModifiedBy", t."contact" AS "contact", t."contract" AS "contract", t."object_manager_id" AS "objectManagerId", t."material" AS "material", t."address" AS "address", t."location" AS "location", t."rating" AS "rating", t."description" AS "description", t."security_code" AS "securityCode", t."key" AS "key", t."order_description" AS "orderDescription", t."contact_name" AS "contactName", t."invoice_recipient_id" AS "invoiceRecipientId", t."invoice_cc_recipient_ids" AS "invoiceCCRecipientIds", t."service_recipient" AS "serviceRecipient", t."contact_ids" AS "contactIds", t."tags" AS "tags", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM "customer_objects" t
        WHERE t."company_id" = $1
        ORDER BY t."created_at" DESC, t."id" DESC
        LIMIT $2`,
  names: ["companyId","limit"],
};

/** A later page of GET /v2/objects without filters (after the cursor's position), for one company. */
export const OBJECT_LIST_AFTER: AppStatement = {
  name: "customer-objects.list-after",
  text: `SELECT t."company_id" AS "companyId", t."id" AS "id", t."number" AS "number", t."chat_id" AS "chatId", t."customer_id" AS "customerId", t."name" AS "name", t."status" AS "status", t."status_created_at" AS "statusCreatedAt", t."status_created_by" AS "statusCreatedBy", t."status_last_modified_at" AS "statusLastModifiedAt", t."status_last_modified_by" AS "statusLastModifiedBy", t."contact" AS "contact", t."contract" AS "contract", t."object_manager_id" AS "objectManagerId", t."material" AS "material", t."address" AS "address", t."location" AS "location", t."rating" AS "rating", t."description" AS "description", t."security_code" AS "securityCode", t."key" AS "key", t."order_description" AS "orderDescription", t."contact_name" AS "contactName", t."invoice_recipient_id" AS "invoiceRecipientId", t."invoice_cc_recipient_ids" AS "invoiceCCRecipientIds", t."service_recipient" AS "serviceRecipient", t."contact_ids" AS "contactIds", t."tags" AS "tags", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM "customer_objects" t
        WHERE t."company_id" = $1 AND (t."created_at", t."id") < ($2::timestamptz, $3::uuid)
        ORDER BY t."created_at" DESC, t."id" DESC
        LIMIT $4`,
  names: ["companyId","afterCreatedAt","afterId","limit"],
};

/** CustomersRepository.find: the row, the company's custom field configs and the newest comments. */
export const CUSTOMER_SELECT: AppStatement = {
  name: "customers.select",
  text: `SELECT t."company_id" AS "companyId", t."id" AS "id", t."customer_number" AS "customerNumber", t."user_id" AS "userId", t."first_name" AS "firstName", t."last_name" AS "lastName", t."name" AS "name", t."name_extension" AS "nameExtension", t."email" AS "email", t."phone" AS "phone", t."phone2" AS "phone2", t."sms_numbers" AS "smsNumbers", t."sms_disabled" AS "smsDisabled", t."editable_by_customer" AS "editableByCustomer", t."subscribed_to_newsletter" AS "subscribedToNewsletter", t."notification_consent" AS "notificationConsent", t."is_active" AS "isActive", t."identity_number" AS "identityNumber", t."invoice_name" AS "invoiceName", t."personal_id" AS "personalId", t."personal_id_type_id" AS "personalIdTypeId", t."personal_id_type_ext_ref" AS "personalIdTypeExtRef", t."ext_ref" AS "extRef", t."date_of_birth" AS "dateOfBirth", t."sex" AS "sex", t."notes" AS "notes", t."language_id" AS "languageId", t."status_id" AS "statusId", t."type_id" AS "typeId", t."address_id" AS "addressId", t."apartment_id" AS "apartmentId", t."water_database_id" AS "waterDatabaseId", t."restricted_type_id" AS "restrictedTypeId", t."country" AS "country", t."invoicing_country" AS "invoicingCountry", t."cooperative_member" AS "cooperativeMember", t."cooperative_date" AS "cooperativeDate", t."cooperative_reimbursement_date" AS "cooperativeReimbursementDate", t."cooperative_sum" AS "cooperativeSum", t."image_url" AS "imageUrl", t."invoice_address" AS "invoiceAddress", t."custom_field_values" AS "customFieldValues", t."custom_properties" AS "customProperties", t."access_keys" AS "accessKeys", t."erased_at" AS "erasedAt", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt", (SELECT coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'dataType', f.data_type)
      ORDER BY f.id), '[]') FROM custom_field_configs f WHERE f.company_id = t.company_id) AS "fieldConfigs", (SELECT coalesce(jsonb_agg(jsonb_build_object('id', r."id", 'comments', r."comments", 'imageUrl', r."image_url", 'createdAt', r."created_at", 'updatedAt', r."updated_at") ORDER BY r."created_at" DESC, r."id" DESC), '[]')
     FROM (SELECT k.* FROM "customer_comments" k WHERE k."company_id" = t."company_id" AND k."customer_id" = t."id"
           ORDER BY k."created_at" DESC, k."id" DESC LIMIT 20) r) AS "recentComments" FROM "customers" t WHERE t."id" = $1 AND ($2::uuid IS NULL OR t."company_id" = $2) AND ($3::text IS NULL OR t."user_id" = $3)`,
  names: ["id","companyId","onlyUser"],
};

/** CustomersRepository.update: every writable column, version-checked, with its audit row. */
export const CUSTOMER_UPDATE: AppStatement = {
  name: "customers.update",
  text: `WITH written AS (UPDATE "customers" SET "user_id" = $1, "first_name" = $2, "last_name" = $3, "name" = $4, "name_extension" = $5, "email" = $6, "phone" = $7, "phone2" = $8, "sms_numbers" = $9, "sms_disabled" = $10, "editable_by_customer" = $11, "subscribed_to_newsletter" = $12, "notification_consent" = $13, "is_active" = $14, "identity_number" = $15, "invoice_name" = $16, "personal_id" = $17, "personal_id_type_id" = $18, "personal_id_type_ext_ref" = $19, "ext_ref" = $20, "date_of_birth" = $21, "sex" = $22, "notes" = $23, "language_id" = $24, "status_id" = $25, "type_id" = $26, "address_id" = $27, "apartment_id" = $28, "water_database_id" = $29, "restricted_type_id" = $30, "country" = $31, "invoicing_country" = $32, "cooperative_member" = $33, "cooperative_date" = $34, "cooperative_reimbursement_date" = $35, "cooperative_sum" = $36, "image_url" = $37, "invoice_address" = $38, "custom_field_values" = $39, "custom_properties" = $40, "access_keys" = $41, "erased_at" = $42, "updated_at" = $43,
            "version" = "version" + 1
          WHERE "company_id" = $44 AND "id" = $45 AND "version" = $46
          RETURNING "company_id", "id", "customer_number", "date_of_birth", "cooperative_date", "cooperative_reimbursement_date", "cooperative_sum", "erased_at", "version", "created_at", "updated_at"),
    audited AS (INSERT INTO "audit_log" ("company_id", "resource", "resource_id", "at", "actor_sub", "actor_role", "request_id", "kind", "ops", "version", "change", "reason") SELECT "company_id", $47, "id"::text, $48, $49, $50, $51, $52::text, $53, "version", CASE WHEN $52::text = 'erased' THEN 'erased' WHEN "version" = 1 THEN 'created' ELSE 'updated' END, $54::text FROM written)
    SELECT t."company_id" AS "companyId", t."id" AS "id", t."customer_number" AS "customerNumber", t."date_of_birth" AS "dateOfBirth", t."cooperative_date" AS "cooperativeDate", t."cooperative_reimbursement_date" AS "cooperativeReimbursementDate", t."cooperative_sum" AS "cooperativeSum", t."erased_at" AS "erasedAt", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt", (SELECT coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'dataType', f.data_type)
      ORDER BY f.id), '[]') FROM custom_field_configs f WHERE f.company_id = t.company_id) AS "fieldConfigs", (SELECT coalesce(jsonb_agg(jsonb_build_object('id', r."id", 'comments', r."comments", 'imageUrl', r."image_url", 'createdAt', r."created_at", 'updatedAt', r."updated_at") ORDER BY r."created_at" DESC, r."id" DESC), '[]')
     FROM (SELECT k.* FROM "customer_comments" k WHERE k."company_id" = t."company_id" AND k."customer_id" = t."id"
           ORDER BY k."created_at" DESC, k."id" DESC LIMIT 20) r) AS "recentComments" FROM written t`,
  names: ["userId","firstName","lastName","name","nameExtension","email","phone","phone2","smsNumbers","smsDisabled","editableByCustomer","subscribedToNewsletter","notificationConsent","isActive","identityNumber","invoiceName","personalId","personalIdTypeId","personalIdTypeExtRef","extRef","dateOfBirth","sex","notes","languageId","statusId","typeId","addressId","apartmentId","waterDatabaseId","restrictedTypeId","country","invoicingCountry","cooperativeMember","cooperativeDate","cooperativeReimbursementDate","cooperativeSum","imageUrl","invoiceAddress","customFieldValues","customProperties","accessKeys","erasedAt","updatedAt","companyId","id","version","auditResource","auditAt","auditActorSub","auditActorRole","auditRequestId","auditKind","auditOps","auditReason"],
};

/** ContactsRepository.find. */
export const CONTACT_SELECT: AppStatement = {
  name: "contacts.select",
  text: `SELECT t."company_id" AS "companyId", t."contact_id" AS "contactId", t."name" AS "name", t."department" AS "department", t."org_nr" AS "orgNr", t."number1" AS "number1", t."number2" AS "number2", t."kananame" AS "kananame", t."description" AS "description", t."no_mailing" AS "noMailing", t."xstop" AS "xstop", t."deleted" AS "deleted", t."source" AS "source", t."emails" AS "emails", t."phones" AS "phones", t."faxes" AS "faxes", t."urls" AS "urls", t."category_id" AS "categoryId", t."business_id" AS "businessId", t."country_id" AS "countryId", t."interests" AS "interests", t."address" AS "address", t."custom_fields" AS "customFields", t."created_by" AS "createdBy", t."updated_by" AS "updatedBy", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM "contacts" t WHERE t."contact_id" = $1 AND ($2::uuid IS NULL OR t."company_id" = $2)`,
  names: ["id","companyId"],
};

/** ContactsRepository.update: every writable column, version-checked, with its audit row. */
export const CONTACT_UPDATE: AppStatement = {
  name: "contacts.update",
  text: `WITH written AS (UPDATE "contacts" SET "name" = $1, "department" = $2, "org_nr" = $3, "number1" = $4, "number2" = $5, "kananame" = $6, "description" = $7, "no_mailing" = $8, "xstop" = $9, "deleted" = $10, "source" = $11, "emails" = $12, "phones" = $13, "faxes" = $14, "urls" = $15, "category_id" = $16, "business_id" = $17, "country_id" = $18, "interests" = $19, "address" = $20, "custom_fields" = $21, "updated_by" = $22, "updated_at" = $23,
            "version" = "version" + 1
          WHERE "company_id" = $24 AND "contact_id" = $25 AND "version" = $26
          RETURNING "company_id", "contact_id", "created_by", "version", "created_at", "updated_at"),
    audited AS (INSERT INTO "audit_log" ("company_id", "resource", "resource_id", "at", "actor_sub", "actor_role", "request_id", "kind", "ops", "version", "change", "reason") SELECT "company_id", $27, "contact_id"::text, $28, $29, $30, $31, $32::text, $33, "version", CASE WHEN $32::text = 'erased' THEN 'erased' WHEN "version" = 1 THEN 'created' ELSE 'updated' END, $34::text FROM written)
    SELECT t."company_id" AS "companyId", t."contact_id" AS "contactId", t."created_by" AS "createdBy", t."version" AS "version", t."created_at" AS "createdAt", t."updated_at" AS "updatedAt" FROM written t`,
  names: ["name","department","orgNr","number1","number2","kananame","description","noMailing","xstop","deleted","source","emails","phones","faxes","urls","categoryId","businessId","countryId","interests","address","customFields","updatedBy","updatedAt","companyId","id","version","auditResource","auditAt","auditActorSub","auditActorRole","auditRequestId","auditKind","auditOps","auditReason"],
};

/** CustomFieldsService.list: a company's custom field configs, in id order. */
export const CUSTOM_FIELD_CONFIGS: AppStatement = {
  name: "custom-field-configs.of-company",
  text: `SELECT "id" AS "id", "name" AS "name", "description" AS "description", "data_type" AS "dataType", "is_mandatory" AS "isMandatory", "mandatory_error_message" AS "mandatoryErrorMessage", "max_length" AS "maxLength", "reg_ex" AS "regEx", "reg_ex_error_message" AS "regExErrorMessage", "default_value" AS "defaultValue", "values" AS "values"
        FROM "custom_field_configs" WHERE "company_id" = $1 ORDER BY "id"`,
  names: ["companyId"],
};
