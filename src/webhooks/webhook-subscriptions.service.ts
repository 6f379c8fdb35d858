import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { wireResourceName } from '../changes/change-resources';
import { notFound, unprocessable } from '../common/http/problem.exception';
import { decodeCursor, invalidCursor, Page, toPage } from '../common/pagination/page';
import { PreparedStatement } from '../database/prepared-statement';
import { TenantScope } from '../tenancy/tenant-scope';
import { checkDestination, DestinationPolicy, DestinationRefused } from './destination-guard';
import { newWebhookSecret, SecretBox } from './webhook-secret';
import { CreateWebhookDto, DeliveryDto, UpdateWebhookDto, WebhookDto, WebhookWithSecretDto } from './webhook-subscription.dto';

interface SubscriptionRow {
  company_id: string;
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

interface DeliveryRow {
  id: string;
  /** One delivery per subscription and change: the change's audit id orders them. */
  audit_id: string;
  event: string;
  resource: string;
  resource_id: string;
  state: string;
  created_at: Date;
  next_attempt_at: Date;
  attempts: DeliveryDto['attempts'];
}

const COLUMNS = 'company_id, id, url, events, description, enabled, created_at, updated_at';
/* Every statement is scoped by company (:companyId; NULL only for a superadmin acting on all of them). */
const INSERT = new PreparedStatement(
  'webhooks.insert',
  `INSERT INTO webhook_subscriptions (company_id, id, url, events, description, secret_encrypted, created_at, updated_at)
   VALUES (:companyId, :id, :url, :events, :description, :secretEncrypted, :now, :now) RETURNING ${COLUMNS}`,
);
const SELECT = new PreparedStatement(
  'webhooks.select',
  `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE (:companyId::uuid IS NULL OR company_id = :companyId) AND id = :id`,
);
const LIST = new PreparedStatement(
  'webhooks.list',
  `SELECT ${COLUMNS} FROM webhook_subscriptions
    WHERE (:companyId::uuid IS NULL OR company_id = :companyId)
      AND (:afterCreatedAt::timestamptz IS NULL OR (created_at, id) < (:afterCreatedAt::timestamptz, :afterId::uuid))
    ORDER BY created_at DESC, id DESC LIMIT :limit`,
);
/** url, events, enabled, description: NULL leaves the value as it is; descriptionGiven says whether description was sent. */
const UPDATE = new PreparedStatement(
  'webhooks.update',
  `UPDATE webhook_subscriptions SET
      url = coalesce(:url, url), events = coalesce(:events, events), enabled = coalesce(:enabled, enabled),
      description = CASE WHEN :descriptionGiven THEN :description ELSE description END, updated_at = :now
    WHERE (:companyId::uuid IS NULL OR company_id = :companyId) AND id = :id RETURNING ${COLUMNS}`,
);
const ROTATE = new PreparedStatement(
  'webhooks.rotate',
  `UPDATE webhook_subscriptions SET secret_encrypted = :secretEncrypted, updated_at = :now
    WHERE company_id = :companyId AND id = :id RETURNING ${COLUMNS}`,
);
const DELETE = new PreparedStatement(
  'webhooks.delete',
  `DELETE FROM webhook_subscriptions WHERE (:companyId::uuid IS NULL OR company_id = :companyId) AND id = :id RETURNING id`,
);
const DELIVERIES = new PreparedStatement(
  'webhooks.deliveries',
  `SELECT id, audit_id::text AS audit_id, event, resource, resource_id, state, created_at, next_attempt_at, attempts
     FROM webhook_deliveries
    WHERE company_id = :companyId AND subscription_id = :subscriptionId AND (:beforeAuditId::bigint IS NULL OR audit_id < :beforeAuditId::bigint)
    ORDER BY audit_id DESC LIMIT :limit`,
);

const toWebhook = (row: SubscriptionRow): WebhookDto => ({
  id: row.id,
  companyId: row.company_id,
  url: row.url,
  events: row.events,
  description: row.description,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toDelivery = (row: DeliveryRow): DeliveryDto => ({
  id: row.id,
  type: row.event,
  resource: wireResourceName(row.resource),
  resourceId: row.resource_id,
  state: row.state,
  createdAt: row.created_at.toISOString(),
  nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
  attempts: row.attempts,
});

/** Position cursors of the lists here: [created_at, id]. */
function afterPosition(cursor: string | undefined): [string, string] | undefined {
  const after = decodeCursor(cursor, 2) as [string, string] | undefined;
  if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
  return after;
}

/** Webhook subscriptions of a company (API.md §5): every query takes its company. */
@Injectable()
export class WebhookSubscriptionsService {
  private readonly secrets: SecretBox;
  private readonly policy: DestinationPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secrets = new SecretBox(config.webhooks.secretKey);
    this.policy = config.webhooks;
  }

  async create(companyId: string, input: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    await this.checkUrl(input.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const [row] = await INSERT.run<SubscriptionRow[]>(this.dataSource.manager, {
      companyId,
      id,
      url: input.url,
      events: input.events,
      description: input.description ?? null,
      secretEncrypted: this.secrets.seal(secret, id),
      now: new Date(),
    });
    return { ...toWebhook(row), secret };
  }

  async list(scope: TenantScope, size: number, cursor?: string): Promise<Page<WebhookDto>> {
    const after = afterPosition(cursor);
    const rows = await LIST.run<SubscriptionRow[]>(this.dataSource.manager, {
      companyId: scope.companyId,
      afterCreatedAt: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit: size + 1,
    });
    return toPage(rows, size, (row) => [row.created_at.toISOString(), row.id], toWebhook);
  }

  async get(scope: TenantScope, id: string): Promise<WebhookDto> {
    return toWebhook(await this.find(scope, id));
  }

  async update(scope: TenantScope, id: string, input: UpdateWebhookDto): Promise<WebhookDto> {
    await this.find(scope, id); // 404 before the body is judged (API.md §1.2)
    if (input.url !== undefined) await this.checkUrl(input.url);
    const [[row]] = await UPDATE.run<[SubscriptionRow[], number]>(this.dataSource.manager, {
      companyId: scope.companyId,
      id,
      url: input.url ?? null,
      events: input.events ?? null,
      enabled: input.enabled ?? null,
      description: input.description ?? null,
      descriptionGiven: input.description !== undefined,
      now: new Date(),
    });
    if (!row) throw notFound(); // deleted in between
    return toWebhook(row);
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    if (!isUUID(id)) throw notFound();
    const [rows] = await DELETE.run<[unknown[], number]>(this.dataSource.manager, { companyId: scope.companyId, id });
    if (!rows.length) throw notFound();
  }

  /**
   * A new secret that signs every delivery from now on, retries of older deliveries included;
   * the old one stops at once (a receiver switches when it stores the answer).
   */
  async rotateSecret(scope: TenantScope, id: string): Promise<WebhookWithSecretDto> {
    const current = await this.find(scope, id);
    const secret = newWebhookSecret();
    const [[row]] = await ROTATE.run<[SubscriptionRow[], number]>(this.dataSource.manager, {
      companyId: current.company_id,
      id,
      secretEncrypted: this.secrets.seal(secret, id),
      now: new Date(),
    });
    if (!row) throw notFound();
    return { ...toWebhook(row), secret };
  }

  async deliveries(scope: TenantScope, id: string, size: number, cursor?: string): Promise<Page<DeliveryDto>> {
    const subscription = await this.find(scope, id);
    const [before] = decodeCursor(cursor, 1) ?? [];
    if (before !== undefined && !/^\d{1,18}$/.test(String(before))) throw invalidCursor();
    const rows = await DELIVERIES.run<DeliveryRow[]>(this.dataSource.manager, {
      companyId: subscription.company_id,
      subscriptionId: id,
      beforeAuditId: before ?? null,
      limit: size + 1,
    });
    return toPage(rows, size, (row) => [row.audit_id], toDelivery);
  }

  private async find(scope: TenantScope, id: string): Promise<SubscriptionRow> {
    if (!isUUID(id)) throw notFound();
    const [row] = await SELECT.run<SubscriptionRow[]>(this.dataSource.manager, { companyId: scope.companyId, id });
    if (!row) throw notFound();
    return row;
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await checkDestination(url, this.policy);
    } catch (error) {
      if (error instanceof DestinationRefused) throw unprocessable([{ pointer: '/url', detail: error.message }]);
      throw error;
    }
  }
}
