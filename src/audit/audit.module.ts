import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log every resource writes to in its own transaction (API.md §1.8). */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
