import { MigrationInterface, QueryRunner } from 'typeorm';
import { BUSINESS_NAMES, CATEGORY_NAMES, INTEREST_NAMES, ItemNames } from './data/reference-list-names';

/**
 * Reference item names per language (API.md §3, seed 002's Accept-Language / SO-Language).
 *
 * A translations table rather than a jsonb column on reference_list_items: one row per
 * (item, language) keeps each name a plain text value with a key, so a new language is rows
 * inserted by a migration (no rewrite of every item's document), a missing translation is a
 * missing row (the service falls back to English), and the foreign key ties every name to an
 * item. English stays in reference_list_items.name: it is the language-free documents' own
 * name (history shows it). Country names are not stored: they come from CLDR
 * (Intl.DisplayNames) for whatever language is asked.
 */
export class AddReferenceListNames1732264151000 implements MigrationInterface {
  name = 'AddReferenceListNames1732264151000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reference_list_item_names (
        list_name text    NOT NULL,
        id        integer NOT NULL,
        language  text    NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        name      text    NOT NULL,
        PRIMARY KEY (list_name, id, language),
        FOREIGN KEY (list_name, id) REFERENCES reference_list_items (list_name, id) ON DELETE CASCADE
      )`);
    const rows: Array<[string, number, string, string]> = [];
    const add = (list: string, items: ReadonlyArray<readonly [number, ItemNames]>) => {
      for (const [id, names] of items) {
        for (const [language, name] of Object.entries(names)) rows.push([list, id, language, name]);
      }
    };
    add('category', CATEGORY_NAMES);
    add('business', BUSINESS_NAMES);
    add('interest', INTEREST_NAMES);
    // One parameterized INSERT from arrays (unnest), no SQL assembled from the data.
    await queryRunner.query(
      `INSERT INTO reference_list_item_names (list_name, id, language, name)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reference_list_item_names`);
  }
}
