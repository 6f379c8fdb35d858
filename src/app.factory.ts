import helmet from '@fastify/helmet';
import { Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { AppModule } from './app.module';
import { registerBodyParsers } from './common/http/body-parsers';
import { badRequest } from './common/http/problem.exception';
import { UnreadableBodyPipe } from './common/http/unreadable-body.pipe';
import { requestIdFor } from './common/http/request-id';
import { validationErrorsToProblems } from './common/http/validation-errors';
import { setUpOpenApi } from './openapi';

/** Builds the whole HTTP application; main.ts and the e2e tests use this same function. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: { extraModules?: Type[]; silent?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
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
  app.useLogger(options.silent ? false : app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  await app.register(helmet, {
    // Swagger UI at /docs needs inline styles and scripts; everything else is JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });

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
