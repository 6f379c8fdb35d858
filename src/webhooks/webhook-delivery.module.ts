import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { besideRequests, DELIVERY_PACING, NEVER_YIELD } from './delivery-pacing';
import { DeliveryWorker } from './delivery-worker';

/**
 * The worker that sends the outbox (API.md §5). It needs only the config and the database, so
 * the app (WEBHOOK_DELIVERY=in-process) and `npm run worker` (worker.module.ts) both mount it;
 * they differ in whether it yields to requests (delivery-pacing.ts).
 */
@Module({})
export class WebhookDeliveryModule {
  /** In the API process: delivering yields to the requests (WEBHOOK_YIELD_PERCENT). */
  static besideTheApi(): DynamicModule {
    return {
      module: WebhookDeliveryModule,
      providers: [
        DeliveryWorker,
        { provide: DELIVERY_PACING, inject: [APP_CONFIG], useFactory: ({ webhooks }: AppConfig) => besideRequests(webhooks.yieldPercent, webhooks.pollIntervalMs) },
      ],
    };
  }

  /** In `npm run worker`: delivering is all the process does. */
  static alone(): DynamicModule {
    return { module: WebhookDeliveryModule, providers: [DeliveryWorker, { provide: DELIVERY_PACING, useValue: NEVER_YIELD }] };
  }
}
