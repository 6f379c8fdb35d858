import { Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';
import { AppModule } from './app.module';
import { AnswerShapingAdapter } from './common/resource/answer-shaping.adapter';
import { registerBodyParsers } from './common/http/body-parsers';
import { registerPrivateCaching } from './common/http/cache-control';
import { registerCors } from './common/http/cors';
import { registerMethodNotAllowed } from './common/http/method-not-allowed';
import { problemServerOptions, registerAcceptPatchOn415 } from './common/http/fastify-errors';
import { badRequest } from './common/http/problem.exception';
import { registerPublicLinks } from './common/http/public-links';
import { UnreadableBodyPipe } from './common/http/unreadable-body.pipe';
import { RequestLogController } from './common/http/request-log.controller';
import { requestIdFor } from './common/http/request-id';
import { registerSecurityHeaders } from './common/http/security-headers';
import { validationErrorsToProblems } from './common/http/validation-errors';
import { nestLogger } from './nest-logger';
import { setUpOpenApi } from './openapi';

/** Builds the whole HTTP application; main.ts and the e2e tests use this same function. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: { extraModules?: Type[]; silent?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new AnswerShapingAdapter({
    ...problemServerOptions,
    logger: { level: options.silent ? 'silent' : config.logLevel },
    logController: new RequestLogController(),
    bodyLimit: config.limits.bodyBytes,
    genReqId: requestIdFor,
    trustProxy: config.trustProxy,
    // Case-insensitive routes (API.md §1): /api/v1/contact/7 = /api/v1/Contact/7.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, options.extraModules),
    adapter,
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(options.silent ? false : nestLogger(config));

  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  registerAcceptPatchOn415(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  registerSecurityHeaders(fastify);
  // After CORS, so that preflights are answered before a 405 could be.
  await registerCors(fastify, config.http);
  registerMethodNotAllowed(fastify);
  registerPrivateCaching(fastify);
  registerPublicLinks(fastify, config.http);

  app.useGlobalPipes(
    new UnreadableBodyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => badRequest('The request is invalid.', validationErrorsToProblems(errors)),
    }),
  );
  setUpOpenApi(app);
  return app;
}
