import { Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery-worker';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhooksController } from './webhooks.controller';

/** Webhook subscriptions, and the worker that sends their outbox (API.md §5). */
@Module({ controllers: [WebhooksController], providers: [WebhookSubscriptionsService, DeliveryWorker] })
export class WebhooksModule {}
