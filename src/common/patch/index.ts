/** Framework-free JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7396) engine. */
export type { PatchLimits, PatchOperation } from './patch.types';
export { PatchError, PatchRequestError, PatchTestFailedError, PatchTooLargeError } from './patch.errors';
export { escapeToken, formatPointer, parseArrayIndex, parsePointer } from './json-pointer';
export { isUnsafeKey } from './unsafe-keys';
export { deepEqual } from './deep-equal';
export { parseJsonPatch } from './parse-json-patch';
export { parseMergePatch } from './parse-merge-patch';
export { applyPatch } from './apply-patch';
export { mergePatchToOps } from './merge-patch';
export { diffDocuments } from './diff';
