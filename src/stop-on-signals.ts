import { Logger } from '@nestjs/common';

/**
 * On the first SIGINT or SIGTERM: logs what stopping does, runs `stop` once (later signals
 * while it runs are ignored), then exits 0. Shared by the API (main.ts) and the delivery
 * worker (worker.main.ts).
 */
export function stopOnSignals(logger: Logger, doing: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: ${doing}`);
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
