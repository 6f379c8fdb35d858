import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomers1732262800000 implements MigrationInterface {
  name = 'CreateCustomers1732262800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customers (
        company_id                     uuid          NOT NULL,
        id                             uuid          NOT NULL,
        customer_number                integer       NOT NULL,
        user_id                        text,
        first_name                     text,
        last_name                      text,
        name                           text,
        name_extension                 text,
        email                          text,
        phone                          text,
        phone2                         text,
        sms_numbers                    jsonb,
        sms_disabled                   boolean       NOT NULL DEFAULT false,
        editable_by_customer           boolean       NOT NULL DEFAULT true,
        subscribed_to_newsletter       boolean       NOT NULL DEFAULT false,
        notification_consent           boolean       NOT NULL DEFAULT false,
        is_active                      boolean       NOT NULL DEFAULT true,
        identity_number                text,
        invoice_name                   text,
        personal_id                    text,
        personal_id_type_id            integer,
        personal_id_type_ext_ref       text,
        ext_ref                        text,
        date_of_birth                  date,
        sex                            integer       NOT NULL DEFAULT 0,
        notes                          text,
        language_id                    integer,
        status_id                      integer,
        type_id                        integer,
        address_id                     integer,
        apartment_id                   integer,
        water_database_id              integer,
        restricted_type_id             integer       NOT NULL DEFAULT 0 CHECK (restricted_type_id IN (0, 1, 2)),
        country                        text,
        invoicing_country              text,
        cooperative_member             boolean       NOT NULL DEFAULT false,
        cooperative_date               date,
        cooperative_reimbursement_date date,
        cooperative_sum                numeric(14,2) CHECK (cooperative_sum >= 0),
        image_url                      text,
        invoice_address                jsonb,
        custom_field_values            jsonb         NOT NULL DEFAULT '{}',
        custom_properties              jsonb,
        access_keys                    jsonb         NOT NULL DEFAULT '[]',
        version                        integer       NOT NULL DEFAULT 1,
        created_at                     timestamptz   NOT NULL,
        updated_at                     timestamptz   NOT NULL,
        PRIMARY KEY (company_id, id),
        UNIQUE (company_id, customer_number)
      )`);
    await queryRunner.query(`CREATE INDEX customers_id_idx ON customers (id)`);
    await queryRunner.query(`CREATE INDEX customers_newest_idx ON customers (company_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX customers_user_idx ON customers (company_id, user_id) WHERE user_id IS NOT NULL`);
    // Seed 004: personalId is unique per company and id type (a null type counts as one type).
    await queryRunner.query(`
      CREATE UNIQUE INDEX customers_personal_id_key ON customers (company_id, personal_id_type_id, personal_id)
        NULLS NOT DISTINCT WHERE personal_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE custom_field_configs (
        company_id              uuid        NOT NULL,
        id                      integer     GENERATED ALWAYS AS IDENTITY,
        name                    text        NOT NULL,
        description             text,
        data_type               text        NOT NULL CHECK (data_type IN ('TextBox', 'DropDown', 'Number', 'Date', 'CheckBox')),
        is_mandatory            boolean     NOT NULL DEFAULT false,
        mandatory_error_message text,
        max_length              integer,
        reg_ex                  text,
        reg_ex_error_message    text,
        default_value           text,
        "values"                jsonb       NOT NULL DEFAULT '[]',
        created_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE custom_field_configs`);
    await queryRunner.query(`DROP TABLE customers`);
  }
}
