/**
 * RFC 7396 §2's MergePatch pseudocode, written out plainly: the oracle the specs compare
 * mergePatchToOps with (the service itself applies merge patches only as operations).
 */
export function referenceMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? structuredClone(target) : {};
  const result = base as Record<string, unknown>;
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = referenceMergePatch(result[name], value);
  }
  return result;
}
