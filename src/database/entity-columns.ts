import { DataSource, EntityTarget } from 'typeorm';

/** SQL names read from an entity's metadata, so hand-written SQL names no column itself. */
export interface EntityColumns<E> {
  /** The table's name, quoted. */
  table: string;
  /** The column of a property, quoted; a property without one fails when the SQL is built. */
  column(property: keyof E & string): string;
}

export function entityColumns<E>(dataSource: DataSource, entity: EntityTarget<E>): EntityColumns<E> {
  const metadata = dataSource.getMetadata(entity);
  const quote = (name: string) => dataSource.driver.escape(name);
  return {
    table: quote(metadata.tableName),
    column(property) {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return quote(found.databaseName);
    },
  };
}
