import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseIncidents } from '../database/database-incidents';
import { HealthController } from './health.controller';

/**
 * Health probes, and the log of database outages that the problem filter reports its 503s to
 * (exported for it: the root module's filter resolves it through this import).
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DatabaseIncidents],
  exports: [DatabaseIncidents],
})
export class HealthModule {}
