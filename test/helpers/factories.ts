/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from './tokens';

/** Creates a customer object through the API and returns its body (fails the test otherwise). */
export async function newObject(
  app: NestFastifyApplication,
  token: string,
  fields: Record<string, unknown> = {},
  query = '',
): Promise<Record<string, any>> {
  const response = await app.inject({
    method: 'POST',
    url: `/v2/objects${query}`,
    headers: bearer(token),
    payload: { name: 'Main office', ...fields },
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** PATCH with an explicit content type; `body` is sent as JSON unless it is already a string. */
export function patch(
  app: NestFastifyApplication,
  url: string,
  token: string,
  body: unknown,
  contentType = 'application/merge-patch+json',
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'PATCH',
    url,
    headers: { ...bearer(token), 'content-type': contentType, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
