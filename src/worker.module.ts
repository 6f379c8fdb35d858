import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from './config.module';
import { typeOrmOptions } from './database/typeorm-options';
import { WebhookDeliveryModule } from './webhooks/webhook-delivery.module';

/**
 * The root module of `npm run worker`: the config, the database and the delivery worker, and
 * nothing of the HTTP app (no routes, guards or resource modules). It does not run migrations:
 * the app owns the schema (two processes migrating at once would race); until the app has
 * migrated a new database, the worker's polls fail, are logged, and are tried again.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const options = typeOrmOptions(config, databaseUrl);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...options,
          migrationsRun: false,
          // One claim or one record at a time: two connections are plenty.
          extra: { ...(options.extra as object), max: Math.min(config.database.poolSize, 2), application_name: 'customer-update-api-worker' },
        }),
        WebhookDeliveryModule.alone(),
      ],
    };
  }
}
