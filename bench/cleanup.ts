import { errorText, log } from './log';

interface Step {
  label: string;
  run: () => Promise<void>;
}

/**
 * Teardown steps, run newest first exactly once: at the end of the run, on an error, or on
 * SIGINT/SIGTERM (a second signal exits at once).
 */
export class Cleanup {
  private readonly steps: Step[] = [];
  private running?: Promise<void>;

  add(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.run();
        } catch (error) {
          log(`cleanup "${step.label}" failed: ${errorText(error)}`);
        }
      }
    })();
    return this.running;
  }

  exitOnSignals(): void {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) process.exit(1);
      received = true;
      log(`${signal} received: cleaning up (repeat to exit at once)`);
      void this.runAll().finally(() => process.exit(130));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}
