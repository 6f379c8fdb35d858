import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Public } from '../auth/auth.decorators';
import { databaseUnavailable } from '../common/http/database-unavailable';
import { NeverRateLimited } from '../common/http/rate-limit.guard';
import { ProblemDto } from '../common/http/problem.dto';
import { ProblemException } from '../common/http/problem.exception';

/**
 * Probes for load balancers and orchestrators (API.md §1.10): no token, never rate-limited,
 * documented with `security: []` so generated clients send no credentials.
 */
@ApiTags('operations')
@ApiExtraModels(ProblemDto)
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
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process serves requests (the database is not asked)', security: [] })
  @ApiResponse({ status: 200, description: 'The process serves requests.' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get(['', 'ready'])
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when the database answers (`/health` is the same check)', security: [] })
  @ApiResponse({ status: 200, description: 'The database answers.' })
  @ApiResponse({
    status: 503,
    description: 'The database does not answer within DATABASE_TIMEOUT_MS (problem document with `checks`).',
    headers: { 'Retry-After': { description: 'Seconds after which to ask again', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  async ready(): Promise<HealthCheckResult> {
    const timeoutMs = this.config.database.timeoutMs;
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: timeoutMs })]);
    } catch {
      throw new ProblemException(databaseUnavailable(timeoutMs, { checks: { database: { status: 'down' } } }));
    }
  }
}
