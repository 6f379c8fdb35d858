import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryName } from './country-names';
import { DEFAULT_LANGUAGE, Language, SUPPORTED_LANGUAGES } from './languages';
import { ReferenceListItemNameEntity } from './reference-list-item-name.entity';
import { ReferenceListItemEntity } from './reference-list-item.entity';

export interface ListItem {
  id: number;
  name: string;
  code?: string;
}

export const LIST_NAMES = ['category', 'business', 'country', 'interest'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** SuperOffice's MDO name for the interest list (seed 002: "contint"). */
const LIST_ALIASES: Record<string, ListName> = { contint: 'interest' };

interface List {
  items: ListItem[];
  byId: Map<number, ListItem>;
  /** Names in the other languages, language -> id -> name (countries: filled from CLDR). */
  names: Map<Language, Map<number, string>>;
  /** The items as each language shows them, made on first use. */
  localized: Map<Language, ListItem[]>;
}

const isSupported = (language: string): language is Language => (SUPPORTED_LANGUAGES as readonly string[]).includes(language);

/**
 * The global reference lists (category, business, country, interest) and their names per
 * language (API.md §3). They change only by migration, so they are read once at start-up and
 * served from memory: resolving a contact's references costs no query on the write path.
 * English is the name stored with the item, which the language-free documents (and history)
 * carry; other languages are a presentation of the same ids.
 */
@Injectable()
export class ReferenceListsService implements OnApplicationBootstrap {
  private lists = new Map<ListName, List>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.dataSource.getRepository(ReferenceListItemEntity).find({ order: { listName: 'ASC', rank: 'ASC' } });
    const names = await this.dataSource.getRepository(ReferenceListItemNameEntity).find();
    const lists = new Map<ListName, List>();
    for (const name of LIST_NAMES) lists.set(name, { items: [], byId: new Map(), names: new Map(), localized: new Map() });
    for (const row of rows) {
      const item: ListItem = row.code ? { id: row.id, name: row.name, code: row.code } : { id: row.id, name: row.name };
      const list = lists.get(row.listName as ListName);
      list?.items.push(item);
      list?.byId.set(row.id, item);
    }
    for (const row of names) {
      const list = lists.get(row.listName as ListName);
      if (!list || !isSupported(row.language)) continue;
      if (!list.names.has(row.language)) list.names.set(row.language, new Map());
      list.names.get(row.language)!.set(row.id, row.name);
    }
    const countries = lists.get('country')!;
    for (const language of SUPPORTED_LANGUAGES.filter((code) => code !== DEFAULT_LANGUAGE)) {
      const byId = new Map<number, string>();
      for (const item of countries.items) {
        const name = item.code ? countryName(item.code, language) : undefined;
        if (name) byId.set(item.id, name);
      }
      countries.names.set(language, byId);
    }
    this.lists = lists;
  }

  /** The list named (case-insensitive, `contint` = interest) in `language`, or undefined. */
  items(name: string, language: Language = DEFAULT_LANGUAGE): ListItem[] | undefined {
    const key = name.toLowerCase();
    const list = this.lists.get(LIST_ALIASES[key] ?? (key as ListName));
    if (!list || language === DEFAULT_LANGUAGE) return list?.items;
    let localized = list.localized.get(language);
    if (!localized) {
      const names = list.names.get(language);
      localized = list.items.map((item) => ({ ...item, name: names?.get(item.id) ?? item.name }));
      list.localized.set(language, localized);
    }
    return localized;
  }

  /** The item (English name, as documents carry it), or undefined. */
  find(list: ListName, id: unknown): ListItem | undefined {
    return typeof id === 'number' ? this.lists.get(list)?.byId.get(id) : undefined;
  }

  /** The item's name in `language`; English where that language has none; null for no such item. */
  nameIn(list: ListName, id: unknown, language: Language): string | null {
    const item = this.find(list, id);
    if (!item) return null;
    return (language === DEFAULT_LANGUAGE ? undefined : this.lists.get(list)?.names.get(language)?.get(item.id)) ?? item.name;
  }

  /**
   * Whether `name` is the item's name in some supported language: what a client that read the
   * record in its language sends back (a round trip), so writes never depend on the language.
   */
  isNameOf(list: ListName, id: unknown, name: unknown): boolean {
    if (typeof name !== 'string') return false;
    return SUPPORTED_LANGUAGES.some((language) => this.nameIn(list, id, language) === name);
  }
}
