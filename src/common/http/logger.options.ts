import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One line per request with its id, method, path and status. Headers, query strings and
 * bodies are never logged: they carry tokens, secrets and personal data.
 */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      quietReqLogger: true,
      serializers: {
        req: (req: IncomingMessage & { id?: string }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers', 'res.headers'],
    },
  };
}
