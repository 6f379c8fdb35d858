import { Scenario } from './scenarios';

export interface PlannedScenario {
  scenario: Scenario;
  /** Runs on the raw server (bench/raw/), not the app. */
  raw: boolean;
}

/**
 * The scenarios to run, in order: each raw counterpart right before the first app scenario
 * compared with it (same data, same moment), the locked baseline before
 * rawVersioned. `only` (BENCH_SCENARIOS) keeps those keys and the counterparts they need.
 */
export function planScenarios(app: Scenario[], raw: Scenario[], only?: string[]): PlannedScenario[] {
  const rawByKey = new Map(raw.map((scenario) => [scenario.key, scenario]));
  const ordered: PlannedScenario[] = [];
  const add = (scenario: Scenario | undefined, isRaw: boolean) => {
    if (scenario && !ordered.some((planned) => planned.scenario.key === scenario.key)) ordered.push({ scenario, raw: isRaw });
  };
  for (const scenario of app) {
    if (scenario.key === 'mergePatch') add(rawByKey.get('rawBaseline'), true);
    if (scenario.counterpart) add(rawByKey.get(scenario.counterpart), true);
    add(scenario, false);
  }
  for (const scenario of raw) add(scenario, true);
  if (!only) return ordered;

  const known = ordered.map((planned) => planned.scenario.key);
  const unknown = only.filter((key) => !known.includes(key));
  if (unknown.length) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const wanted = new Set(only);
  for (const scenario of app.filter((candidate) => wanted.has(candidate.key))) {
    if (scenario.counterpart) wanted.add(scenario.counterpart);
    if (scenario.key === 'mergePatch') wanted.add('rawBaseline');
  }
  return ordered.filter((planned) => wanted.has(planned.scenario.key));
}
