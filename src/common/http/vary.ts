import type { FastifyReply } from 'fastify';

/**
 * Adds `fields` to the reply's Vary, keeping what others put there (CORS adds Origin). Own
 * code because the project has no `vary` package, and Fastify has no Vary helper of its own.
 */
export function addVary(reply: FastifyReply, fields: readonly string[]): void {
  const current = reply.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((field) => field.trim()).filter(Boolean);
  if (listed.includes('*')) return;
  const lower = new Set(listed.map((field) => field.toLowerCase()));
  void reply.header('Vary', [...listed, ...fields.filter((field) => !lower.has(field.toLowerCase()))].join(', '));
}
