import { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRIES } from './data/countries';
import { BUSINESSES, CATEGORIES, INTERESTS } from './data/reference-lists';

export class CreateContacts1732262700000 implements MigrationInterface {
  name = 'CreateContacts1732262700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Global reference data (not tenant rows): the lists contacts point into.
    await queryRunner.query(`
      CREATE TABLE reference_list_items (
        list_name text    NOT NULL,
        id        integer NOT NULL,
        name      text    NOT NULL,
        code      text,
        rank      integer NOT NULL,
        PRIMARY KEY (list_name, id)
      )`);
    const items: Array<[string, number, string, string | null]> = [
      ...CATEGORIES.map(([id, name]) => ['category', id, name, null] as [string, number, string, null]),
      ...BUSINESSES.map(([id, name]) => ['business', id, name, null] as [string, number, string, null]),
      ...INTERESTS.map(([id, name]) => ['interest', id, name, null] as [string, number, string, null]),
      ...COUNTRIES.map(([id, code, name]) => ['country', id, name, code] as [string, number, string, string]),
    ];
    // One parameterized INSERT from arrays (unnest), no SQL assembled from the data.
    await queryRunner.query(
      `INSERT INTO reference_list_items (list_name, id, name, code, rank)
       SELECT list_name, id, name, code, row_number() OVER (PARTITION BY list_name ORDER BY ord)
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS t(list_name, id, name, code, ord)`,
      [items.map((i) => i[0]), items.map((i) => i[1]), items.map((i) => i[2]), items.map((i) => i[3])],
    );

    await queryRunner.query(`
      CREATE TABLE contacts (
        company_id   uuid        NOT NULL,
        contact_id   integer     GENERATED ALWAYS AS IDENTITY,
        name         text        NOT NULL,
        department   text,
        org_nr       text,
        number1      text,
        number2      text,
        kananame     text,
        description  text,
        no_mailing   boolean     NOT NULL DEFAULT false,
        xstop        boolean     NOT NULL DEFAULT false,
        deleted      integer     NOT NULL DEFAULT 0,
        source       integer     NOT NULL DEFAULT 0,
        emails       jsonb,
        phones       jsonb,
        faxes        jsonb,
        urls         jsonb,
        category_id  integer,
        business_id  integer,
        country_id   integer,
        interests    jsonb,
        address      jsonb,
        custom_fields jsonb,
        created_by   text        NOT NULL,
        updated_by   text        NOT NULL,
        version      integer     NOT NULL DEFAULT 1,
        created_at   timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (company_id, contact_id)
      )`);
    await queryRunner.query(`CREATE INDEX contacts_contact_id_idx ON contacts (contact_id)`);
    await queryRunner.query(`CREATE INDEX contacts_newest_idx ON contacts (company_id, created_at DESC, contact_id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contacts`);
    await queryRunner.query(`DROP TABLE reference_list_items`);
  }
}
