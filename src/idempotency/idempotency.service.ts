import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Caller } from '../common/http/caller';
import { badRequest, conflict, ProblemException } from '../common/http/problem.exception';
import { ResourceResponse } from '../common/resource/resource-response';
import { PreparedStatement } from '../database/prepared-statement';
import { IdempotencyClaim } from './idempotency-claim';
import { fromStoredAnswer, StoredAnswer, toStoredAnswer } from './stored-answer';

/** Whose key it is (API.md §1.13: scoped to the caller). */
export interface KeyScope {
  companyId: string;
  sub: string;
  key: string;
}

export type ClaimOutcome = { kind: 'claimed'; claim: OwnedClaim } | { kind: 'replay'; answer: ResourceResponse };

/** 1..255 printable ASCII (API.md §1.13). */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/** Expired rows removed per cleanup statement, so one run never holds many locks. */
const CLEANUP_BATCH = 1000;
const CLEANUP_INTERVAL_MS = 60_000;

const KEY = 'company_id = :companyId AND caller_sub = :sub AND key = :key';
const CLAIM = new PreparedStatement(
  'idempotency.claim',
  `INSERT INTO idempotency_keys AS k (company_id, caller_sub, key, fingerprint, state, owner, locked_until, expires_at)
   VALUES (:companyId, :sub, :key, :fingerprint, 'in_flight', :owner,
           now() + make_interval(secs => :leaseSeconds), now() + make_interval(secs => :ttlSeconds))
   ON CONFLICT (company_id, caller_sub, key) DO UPDATE
     SET fingerprint = EXCLUDED.fingerprint, state = 'in_flight', owner = EXCLUDED.owner,
         locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at, response = NULL
     WHERE k.expires_at <= now() OR (k.state = 'in_flight' AND k.locked_until <= now())
   RETURNING owner`,
);
const EXISTING = new PreparedStatement(
  'idempotency.existing',
  `SELECT fingerprint, state, response FROM idempotency_keys WHERE ${KEY} AND expires_at > now()`,
);
const COMPLETE = new PreparedStatement(
  'idempotency.complete',
  `UPDATE idempotency_keys SET state = 'completed', response = :response WHERE ${KEY} AND owner = :owner AND state = 'in_flight'`,
);
const RELEASE = new PreparedStatement(
  'idempotency.release',
  `DELETE FROM idempotency_keys WHERE ${KEY} AND owner = :owner AND state = 'in_flight'`,
);
// A GDPR erasure scans the company's keys (the primary key's prefix): rare, and it must not miss one.
const FORGET_RECORD = new PreparedStatement(
  'idempotency.forget-record',
  `DELETE FROM idempotency_keys WHERE company_id = :companyId AND response -> 'document' ->> 'id' = :recordId`,
);
const REMOVE_EXPIRED = new PreparedStatement(
  'idempotency.remove-expired',
  `DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
     SELECT ctid FROM idempotency_keys WHERE expires_at <= now() ORDER BY expires_at LIMIT :batch))`,
);

/**
 * Idempotency keys in PostgreSQL, so a retry reaching another instance is still recognised.
 *
 * A key is claimed by one committed statement (insert, or take over a row whose answer expired
 * or whose in-flight lease ran out), so two requests can never both hold it. The answer is
 * written by the write's own transaction, after the record (OnStored), matching only the
 * claim's owner token: a claim taken over meanwhile matches nothing and the write rolls back,
 * so a change is never applied twice. A failed request deletes its claim, so it may be retried.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private cleanupTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // unref: the cleanup never keeps a stopping process alive.
    this.cleanupTimer = setInterval(() => void this.removeExpired().catch(() => undefined), CLEANUP_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.cleanupTimer);
  }

  /**
   * Runs an @Idempotent write under the caller's Idempotency-Key. Without one it just runs. A
   * retry of a completed request gets the stored answer instead (marked replayed); otherwise
   * the write runs holding the claim (it stores its answer through it, see OnStored), which is
   * released afterwards, so a failed request may be retried.
   */
  async write(caller: Caller, run: (claim?: IdempotencyClaim) => Promise<ResourceResponse>): Promise<ResourceResponse> {
    const sent = caller.idempotencyKey;
    if (!sent) return run();
    if (typeof sent.header !== 'string' || !VALID_KEY.test(sent.header)) {
      throw badRequest('The Idempotency-Key header must be 1 to 255 printable ASCII characters.');
    }
    const outcome = await this.claim({ companyId: caller.actor.companyId, sub: caller.actor.sub, key: sent.header }, sent.fingerprint);
    if (outcome.kind === 'replay') return outcome.answer;
    try {
      return await run(outcome.claim);
    } finally {
      await outcome.claim.release();
    }
  }

  async claim(scope: KeyScope, fingerprint: string): Promise<ClaimOutcome> {
    const owner = randomUUID();
    const { ttlSeconds, leaseSeconds } = this.config.idempotency;
    const claimed = await CLAIM.run<unknown[]>(this.dataSource.manager, { ...scope, fingerprint, owner, leaseSeconds, ttlSeconds });
    if (claimed.length) return { kind: 'claimed', claim: new OwnedClaim(this, scope, owner) };

    const rows = await EXISTING.run<{ fingerprint: string; state: string; response: StoredAnswer | null }[]>(this.dataSource.manager, { ...scope });
    const existing = rows[0];
    // Gone between the two statements (released or expired): the first request is not running.
    if (!existing) throw conflict('The request with this Idempotency-Key just ended; retry it.');
    if (existing.fingerprint !== fingerprint) {
      throw new ProblemException({
        status: 422,
        detail: 'This Idempotency-Key was used for a different request (method, path, query, content type or body).',
      });
    }
    if (existing.state !== 'completed' || !existing.response) {
      throw conflict('A request with this Idempotency-Key is still in progress.');
    }
    return { kind: 'replay', answer: fromStoredAnswer(existing.response) };
  }

  /** The completing write of OnStored: in the caller's transaction, after the record. */
  async complete(manager: EntityManager, scope: KeyScope, owner: string, answer: ResourceResponse): Promise<void> {
    const updated = await COMPLETE.run<[unknown[], number]>(manager, { ...scope, owner, response: JSON.stringify(toStoredAnswer(answer)) });
    if (updated[1] !== 1) throw conflict('The Idempotency-Key was taken over by another request; this one was rolled back.');
  }

  async release(scope: KeyScope, owner: string): Promise<void> {
    await RELEASE.run(this.dataSource.manager, { ...scope, owner });
  }

  /**
   * Drops the stored answers that show a record (they hold its data as the caller saw it), in
   * the caller's transaction: a GDPR erasure must not leave a replay that shows what it erased.
   */
  async forgetAnswersAbout(manager: EntityManager, companyId: string, recordId: string): Promise<void> {
    await FORGET_RECORD.run(manager, { companyId, recordId });
  }

  /** Deletes expired rows in batches along the expires_at index; returns how many. */
  async removeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await REMOVE_EXPIRED.run<[unknown[], number]>(this.dataSource.manager, { batch: CLEANUP_BATCH });
      total += deleted[1];
      if (deleted[1] < CLEANUP_BATCH) return total;
    }
  }
}

export class OwnedClaim implements IdempotencyClaim {
  constructor(
    private readonly service: IdempotencyService,
    readonly scope: KeyScope,
    readonly owner: string,
  ) {}

  async complete(manager: EntityManager, answer: ResourceResponse): Promise<void> {
    await this.service.complete(manager, this.scope, this.owner, answer);
  }

  /** Deletes the claim unless its answer was stored (a failure, dry run or no-op stores nothing). */
  release(): Promise<void> {
    return this.service.release(this.scope, this.owner);
  }
}
