import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/**
 * The audit log (API.md §1.8): read audits and history here; a change's row is written by the
 * same statement as the change (auditedWriteSql, used by RecordTable).
 */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
