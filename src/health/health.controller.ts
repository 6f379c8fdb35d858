import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ProblemException } from '../common/http/problem.exception';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database readiness (no auth)' })
  @ApiResponse({ status: 200, description: 'The database answers.' })
  @ApiResponse({ status: 503, description: 'The database does not answer (problem document with `checks`).' })
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
