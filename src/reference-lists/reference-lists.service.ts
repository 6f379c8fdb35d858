import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/**
 * The global reference lists (category, business, country, interest). They change only by
 * migration, so they are read once at start-up and served from memory: resolving a contact's
 * references costs no query on the write path.
 */
@Injectable()
export class ReferenceListsService implements OnApplicationBootstrap {
  private lists = new Map<ListName, { items: ListItem[]; byId: Map<number, ListItem> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.dataSource.getRepository(ReferenceListItemEntity).find({ order: { listName: 'ASC', rank: 'ASC' } });
    const lists = new Map<ListName, { items: ListItem[]; byId: Map<number, ListItem> }>();
    for (const name of LIST_NAMES) lists.set(name, { items: [], byId: new Map() });
    for (const row of rows) {
      const item: ListItem = row.code ? { id: row.id, name: row.name, code: row.code } : { id: row.id, name: row.name };
      const list = lists.get(row.listName as ListName);
      list?.items.push(item);
      list?.byId.set(row.id, item);
    }
    this.lists = lists;
  }

  /** The list named (case-insensitive, `contint` = interest), or undefined. */
  items(name: string): ListItem[] | undefined {
    const key = name.toLowerCase();
    return this.lists.get(LIST_ALIASES[key] ?? (key as ListName))?.items;
  }

  find(list: ListName, id: unknown): ListItem | undefined {
    return typeof id === 'number' ? this.lists.get(list)?.byId.get(id) : undefined;
  }
}
