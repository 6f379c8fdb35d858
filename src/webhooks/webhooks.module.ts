import { Module } from '@nestjs/common';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhooksController } from './webhooks.controller';

/** Webhook subscriptions and their deliveries list (API.md §5); sending is WebhookDeliveryModule's. */
@Module({ controllers: [WebhooksController], providers: [WebhookSubscriptionsService] })
export class WebhooksModule {}
