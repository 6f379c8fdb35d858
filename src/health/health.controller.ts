import { applyDecorators, Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Public } from '../auth/auth.decorators';
import { ApiCommonResponses } from '../common/http/api-common-responses.decorator';
import { databaseUnavailable } from '../common/http/database-unavailable';
import { NeverRateLimited } from '../common/http/rate-limit.guard';
import { ProblemDto } from '../common/http/problem.dto';
import { ProblemException } from '../common/http/problem.exception';

const CHECKS = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } },
};

/** Terminus' own OpenAPI says its 503 is JSON of its shape; ours is a problem, so its docs are off. */
const probe = (summary: string) =>
  applyDecorators(
    HealthCheck({ noCache: true, swaggerDocumentation: false }),
    ApiOperation({ summary, security: [] }),
    ApiResponse({
      status: 200,
      description: 'Healthy.',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, info: CHECKS, error: CHECKS, details: CHECKS } },
        },
      },
    }),
  );

const notReady = ApiResponse({
  status: 503,
  description: 'The database does not answer within DATABASE_TIMEOUT_MS.',
  headers: { 'Retry-After': { description: 'Seconds after which to ask again', schema: { type: 'integer' } } },
  content: {
    'application/problem+json': {
      schema: { allOf: [{ $ref: getSchemaPath(ProblemDto) }, { type: 'object', properties: { checks: CHECKS } }] },
    },
  },
});

/**
 * Probes for load balancers and orchestrators (API.md §1.10): no token, never rate-limited,
 * documented with `security: []` so generated clients send no credentials.
 */
@ApiTags('operations')
@ApiExtraModels(ProblemDto)
@ApiCommonResponses({ access: 'public', rateLimited: false, database: false })
@Public()
@NeverRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @probe('Liveness: 200 while the process serves requests (the database is not asked)')
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @probe('Readiness: 200 when the database answers')
  @notReady
  ready(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  @Get()
  @probe('Readiness, as /health/ready')
  @notReady
  check(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  private async readiness(): Promise<HealthCheckResult> {
    const timeoutMs = this.config.database.timeoutMs;
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: timeoutMs })]);
    } catch {
      throw new ProblemException(databaseUnavailable(timeoutMs, { checks: { database: { status: 'down' } } }));
    }
  }
}
