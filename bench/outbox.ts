import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';

/** The webhook outbox as BENCH_WEBHOOKS watches it: how many deliveries still wait. */
export interface Outbox {
  pending(): Promise<number>;
  /**
   * Waits until nothing is pending (or `timeoutMs` passed): a scenario is then measured with
   * only its own deliveries, not the backlog of the ones before it.
   */
  drain(timeoutMs?: number): Promise<{ pending: number; seconds: number }>;
  close(): Promise<void>;
}

export async function watchOutbox(databaseUrl: string): Promise<Outbox> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const pending = async () => Number((await client.query(`SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'`)).rows[0].count);
  return {
    pending,
    drain: async (timeoutMs = 120_000) => {
      const started = Date.now();
      let left = await pending();
      while (left > 0 && Date.now() - started < timeoutMs) {
        await delay(200);
        left = await pending();
      }
      return { pending: left, seconds: Math.round((Date.now() - started) / 100) / 10 };
    },
    close: () => client.end(),
  };
}
