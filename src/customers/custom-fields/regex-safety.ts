import { isSafePattern, RedosDetectorTrail } from 'redos-detector';
import safeRegex from 'safe-regex2';
import { testWithin } from './bounded-regex';
import { MAX_CUSTOM_FIELD_VALUE_LENGTH } from './custom-field-config';

/** Characters that commonly start catastrophic backtracking: each is repeated in a probe. */
const PROBE_CHARACTERS = ['a', 'A', '0', '1', ' ', '_', '-', '.', '@', '/', 'é'];
/** Candidates for "a character this node of the pattern matches": printable ASCII, then others. */
const SAMPLE_CHARACTERS = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), 'é', '\n'];
/** How long one probe may take before the pattern counts as too slow. */
const PROBE_LIMIT_MS = 100;
/**
 * All probes of one pattern together: each runs on the event loop, so a pattern that is merely
 * slowish on every probe must not hold the service for the sum of their limits.
 */
const PROBES_BUDGET_MS = 500;
/**
 * redos-detector's search budget, in steps rather than time so the verdict is the same on a
 * busy machine (a 250 ms timeout found no ambiguity of `^(a|b|ab)*c$` under load, and the
 * pattern was accepted): 1,000 steps find a dozen witnesses of it in about 90 ms. The timeout
 * is only a backstop for a pattern whose steps are unusually slow.
 */
const DETECTOR_LIMITS = { maxSteps: 1_000, timeout: 2_000 };
/** Ambiguities turned into probes; the first ones found are the shortest. */
const MAX_WITNESSES = 10;
/** A failing end: the values that make a backtracking engine try every way before giving up. */
const FAILING_END = '\u0000';
const PROBE_LENGTH = MAX_CUSTOM_FIELD_VALUE_LENGTH - 1;

const SLOW = 'could take exponential (or high polynomial) time to match (nested quantifiers or overlapping alternatives); simplify it';
const SLOW_BACKREFERENCE = 'has a backreference to a group that can match in several ways, which can take exponential time; simplify it';

/** `text` repeated to the probe length, after `prefix`, with a failing end. */
const pumped = (prefix: string, text: string) =>
  (prefix + text.repeat(Math.ceil(PROBE_LENGTH / Math.max(1, text.length)))).slice(0, PROBE_LENGTH) + FAILING_END;

/**
 * Values of the longest allowed length that fail at the very end, built from common
 * characters and the pattern's own literal characters: the inputs that make a backtracking
 * engine try every way of splitting the run.
 */
function characterProbes(pattern: string): string[] {
  const literals = pattern.replace(/\\./g, '').replace(/[\^$.*+?()[\]{}|]/g, '');
  const characters = [...new Set([...PROBE_CHARACTERS, ...literals])].slice(0, 64);
  return characters.map((character) => pumped('', character));
}

/** One character that the pattern node `source` (a literal, an escape or a class) matches. */
function sampleOf(source: string): string | undefined {
  try {
    const node = new RegExp(`^(?:${source})$`);
    return SAMPLE_CHARACTERS.find((character) => node.test(character));
  } catch {
    return undefined;
  }
}

/**
 * Whether the pattern has a backreference (`\1`..`\9`, `\k<name>`) outside a character class.
 * A few lines of scanning rather than a parser: the regex parsers here are only transitive
 * dependencies (of redos-detector and safe-regex2), not ones this project declares.
 */
function hasBackreference(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const character = pattern[i];
    if (character === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<'))) return true;
      i += 1;
    } else if (character === '[') {
      inClass = true;
    } else if (character === ']') {
      inClass = false;
    }
  }
  return false;
}

/**
 * A redos-detector trail is an input that two different paths through the pattern match,
 * one node (one character) per step. Repeating the part from where the paths part ways is the
 * classic attack string: each repetition multiplies the ways to match when the ambiguity is
 * exponential, and adds only a little when it is polynomial.
 */
function witnessProbes(trail: RedosDetectorTrail): string[] {
  const characters = trail.trail.map((step) => sampleOf(step.a.node.source));
  if (characters.some((character) => character === undefined)) return [];
  const text = characters.join('');
  const parting = trail.trail.findIndex((step) => step.a.node.start.offset !== step.b.node.start.offset);
  const split = parting < 0 ? 0 : parting;
  return [pumped('', text), pumped(text.slice(0, split), text.slice(split))];
}

/**
 * Why a config's regex is refused, or undefined. It must compile; must not nest quantifiers
 * (star height > 1, safe-regex2's static check); and where redos-detector finds an input that
 * the pattern can match in two ways (overlapping alternatives such as `^(a|b|ab)*c$`, which
 * the static check misses), that ambiguity is pumped to the longest allowed value and timed:
 * it is refused when matching it is slow. A backreference in an ambiguous pattern is refused
 * outright (`^(a+)\1$`): matching with backreferences is NP-hard in general, so no probe can
 * show it is safe. Polynomial ambiguity at this length is
 * harmless and stays accepted (`^\S+@\S+$` is quadratic: about a million steps at 1000
 * characters), which redos-detector alone would refuse. Repeated-character probes cover what
 * the detector's search budget does not reach; testWithin bounds every later match whatever
 * slips through.
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return 'is not a valid regular expression';
  }
  if (!safeRegex(pattern)) return SLOW;

  let detected: { safe: boolean; trails: readonly RedosDetectorTrail[] };
  try {
    detected = isSafePattern(pattern, DETECTOR_LIMITS);
  } catch {
    // Syntax the detector does not parse (e.g. named backreferences): nothing is proven safe.
    detected = { safe: false, trails: [] };
  }
  if (!detected.safe && hasBackreference(pattern)) return SLOW_BACKREFERENCE;
  const witnesses = detected.trails.slice(0, MAX_WITNESSES);
  const probes = [...witnesses.flatMap(witnessProbes), ...characterProbes(pattern)];
  const deadline = Date.now() + PROBES_BUDGET_MS;
  for (const probe of probes) {
    const left = deadline - Date.now();
    if (left <= 0 || testWithin(pattern, probe, Math.min(PROBE_LIMIT_MS, left)) === undefined) return SLOW;
  }
  return undefined;
}
