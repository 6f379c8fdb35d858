import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../migrations';
import { ALL_ENTITIES } from '../src/database/entities';
import { SnakeCaseNamingStrategy } from '../src/database/snake-case-naming.strategy';

/**
 * DataSource for the TypeORM CLI (`npx typeorm-ts-node-commonjs -d config/data-source.ts migration:run`).
 * Needs DATABASE_URL; the app itself runs pending migrations at start-up.
 */
export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: ALL_ENTITIES,
  namingStrategy: new SnakeCaseNamingStrategy(),
  migrations: ALL_MIGRATIONS,
});
