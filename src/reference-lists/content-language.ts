import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { chooseLanguage, Language } from './languages';

/** The request headers a reference name depends on (API.md §3). */
export const LANGUAGE_VARY = ['Accept-Language', 'SO-Language'];

/**
 * Adds `fields` to the reply's Vary, keeping what others put there (CORS adds Origin). Own
 * code because the project has no `vary` package, and Fastify has no Vary helper of its own.
 */
function addVary(reply: FastifyReply, fields: string[]): void {
  const current = reply.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((field) => field.trim()).filter(Boolean);
  if (listed.includes('*')) return;
  const lower = new Set(listed.map((field) => field.toLowerCase()));
  void reply.header('Vary', [...listed, ...fields.filter((field) => !lower.has(field.toLowerCase()))].join(', '));
}

/** The language of this request's reference names, for handlers that produce names themselves. */
export const ReferenceLanguage = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Language => chooseLanguage(context.switchToHttp().getRequest<FastifyRequest>().headers),
);

/**
 * For routes whose answers carry reference names: a successful answer says its language
 * (`Content-Language`) and that it varies by both language headers. Subclasses translate
 * the names of their answers (`localize`); this one leaves them to the handler. Interceptors
 * run before the answer is shaped (AnswerShapingAdapter), so `$select`, Time-Zone and XML see
 * the translated names.
 */
@Injectable()
export class ContentLanguageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const language = chooseLanguage(http.getRequest<FastifyRequest>().headers);
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        void reply.header('Content-Language', language);
        addVary(reply, LANGUAGE_VARY);
        return this.localize(result, language);
      }),
    );
  }

  protected localize(result: unknown, _language: Language): unknown {
    return result;
  }
}
