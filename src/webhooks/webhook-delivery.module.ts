import { Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery-worker';

/**
 * The worker that sends the outbox (API.md §5). It needs only the config and the database, so
 * the app (WEBHOOK_DELIVERY=in-process) and `npm run worker` (worker.module.ts) both mount it.
 */
@Module({ providers: [DeliveryWorker] })
export class WebhookDeliveryModule {}
