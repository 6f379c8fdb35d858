import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PermissionsGuard } from './auth/permissions.guard';
import { AnswerOptionsGuard } from './common/resource/answer-options.guard';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { RateLimitGuard } from './common/http/rate-limit.guard';
import { ConfigModule } from './config.module';
import { openMigrated } from './database/migrate-under-lock';
import { typeOrmOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { ResourcePipelineModule } from './common/resource/resource-pipeline.module';
import { CustomerObjectsModule } from './customer-objects/customer-objects.module';
import { ContactsModule } from './contacts/contacts.module';
import { CustomersModule } from './customers/customers.module';
import { ChangesModule } from './changes/changes.module';
import { WebhookDeliveryModule } from './webhooks/webhook-delivery.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { IdempotencyModule } from './idempotency/idempotency.module';

@Module({})
export class AppModule {
  /**
   * The root module for one configuration and database. `extraModules` lets tests mount
   * probe routes (for example one that throws) on the real app.
   */
  static forRoot(config: AppConfig, databaseUrl: string, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => typeOrmOptions(config, databaseUrl),
          dataSourceFactory: (options) => openMigrated(options!),
        }),
        AuthModule,
        HealthModule,
        ResourcePipelineModule,
        IdempotencyModule,
        CustomerObjectsModule,
        ContactsModule,
        CustomersModule,
        ChangesModule,
        WebhooksModule,
        // WEBHOOK_DELIVERY=off: this process only writes the outbox; `npm run worker` sends it.
        ...(config.webhooks.delivery === 'in-process' ? [WebhookDeliveryModule.besideTheApi()] : []),
        ...extraModules,
      ],
      providers: [
        // Global guards run in this order: rate limit (unauthenticated calls too), token,
        // permissions, then the answer's options (Accept, Time-Zone, $select; AnswerShapingAdapter
        // shapes the answer with them). Every route is protected unless marked @Public().
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: PermissionsGuard },
        { provide: APP_GUARD, useClass: AnswerOptionsGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
