import { Controller, Get } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ApiCommonResponses, ApiPublicOperation } from '../common/http/api-common-responses.decorator';
import { ProblemException } from '../common/http/problem.exception';

@ApiTags('operations')
// No token, and never rate limited (API.md §1.10), so monitors always get an answer.
@ApiCommonResponses({ access: 'public', rateLimited: false })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiPublicOperation({ summary: 'Liveness and database readiness (no auth)' })
  @ApiResponse({
    status: 200,
    description: 'The database answers.',
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', example: 'ok' } },
      additionalProperties: true,
    },
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 1500 })]);
    } catch {
      throw new ProblemException({
        status: 503,
        detail: 'The database does not answer.',
        extensions: { checks: { database: { status: 'down' } } },
      });
    }
  }
}
